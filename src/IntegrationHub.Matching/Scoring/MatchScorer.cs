using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Text;

namespace IntegrationHub.Matching.Scoring;

/// <summary>
/// Fellegi-Sunter scoring of record pairs: the match weight is the prior weight plus, for each
/// comparator, log2(m/u) of the level reached (0 for a missing value); exact agreement on a comparator
/// that uses term frequencies weighs log2(m / frequency of the agreed value) instead of log2(m/u), so
/// a common name is weaker evidence than a rare one. Thread-safe for reading once built.
/// </summary>
public sealed class MatchScorer
{
    private readonly Comparator[] comparators;
    private readonly double[][] weights;
    private readonly double[] exactU;
    private readonly double[] exactM;
    private readonly TermFrequencies? termFrequencies;
    private readonly int givenIndex;
    private readonly int familyIndex;
    private readonly int birthDateIndex;

    /// <summary>Builds a scorer for a model fitted to <paramref name="comparatorSet"/>.</summary>
    /// <param name="comparatorSet">The comparators the model was estimated for.</param>
    /// <param name="model">The m, u and prior.</param>
    /// <param name="thresholds">Where match and possible match begin.</param>
    /// <param name="termFrequencies">Value frequencies for term-frequency adjustment; null turns the adjustment off.</param>
    public MatchScorer(ComparatorSet comparatorSet, MatchModel model, MatchThresholds thresholds, TermFrequencies? termFrequencies)
    {
        ArgumentNullException.ThrowIfNull(comparatorSet);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(thresholds);
        model.EnsureFits(comparatorSet);
        thresholds.Validate();

        Comparators = comparatorSet;
        Model = model;
        Thresholds = thresholds;
        comparators = comparatorSet.Items;
        this.termFrequencies = termFrequencies;
        weights = model.Comparators.Select(c => c.Levels.Select(l => l.Weight).ToArray()).ToArray();
        exactU = model.Comparators.Select(c => c.Levels[0].U).ToArray();
        exactM = model.Comparators.Select(c => c.Levels[0].M).ToArray();
        PriorWeight = model.PriorWeight;
        givenIndex = Array.FindIndex(comparators, c => c is GivenNameComparator);
        familyIndex = Array.FindIndex(comparators, c => c is FamilyNameComparator);
        birthDateIndex = Array.FindIndex(comparators, c => c is DateOfBirthComparator);
    }

    /// <summary>The comparators.</summary>
    public ComparatorSet Comparators { get; }

    /// <summary>The model.</summary>
    public MatchModel Model { get; }

    /// <summary>The thresholds.</summary>
    public MatchThresholds Thresholds { get; }

    /// <summary>The prior match weight in bits.</summary>
    public double PriorWeight { get; }

    /// <summary>Converts a match weight in bits to a probability: 2^w / (1 + 2^w).</summary>
    public static double ToProbability(double matchWeight) => 1.0 / (1.0 + Math.Pow(2.0, -matchWeight));

    /// <summary>The total match weight of a pair (prior included), without deterministic rules. Allocation-free.</summary>
    public double Weight(NormalisedPerson left, NormalisedPerson right) => Score(left, right, out _);

    /// <summary>Deterministic rules, then the probabilistic outcome (and the twin rule). Allocation-free.</summary>
    public PairDecision Decide(NormalisedPerson left, NormalisedPerson right)
    {
        var deterministic = DeterministicRules.Evaluate(left, right);
        var weight = Score(left, right, out var possibleTwin);
        var probability = ToProbability(weight);
        var (outcome, heldAsTwin) = Outcome(deterministic, probability, possibleTwin);
        return new PairDecision(outcome, weight, probability, deterministic, heldAsTwin);
    }

    /// <summary>
    /// True if the pair falls under the household rule whatever its score: the family names agree, the dates of birth
    /// are near or missing, and the forenames are not equivalent (see <see cref="IsPossibleTwin"/>).
    /// </summary>
    public bool LooksLikeTwins(NormalisedPerson left, NormalisedPerson right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Score(left, right, out var possibleTwin);
        return possibleTwin;
    }

    private double Score(NormalisedPerson left, NormalisedPerson right, out bool possibleTwin)
    {
        var context = NameOrientation.ContextFor(left, right);
        var total = PriorWeight;
        int given = Comparator.Null, family = Comparator.Null, birthDate = Comparator.Null;
        for (var i = 0; i < comparators.Length; i++)
        {
            var level = comparators[i].Compare(left, right, context);
            if (i == givenIndex)
            {
                given = level;
            }
            else if (i == familyIndex)
            {
                family = level;
            }
            else if (i == birthDateIndex)
            {
                birthDate = level;
            }

            if (level == Comparator.Null)
            {
                continue;
            }

            total += weights[i][level];
            if (level == 0)
            {
                total += TermFrequencyAdjustment(i, left, context);
            }
        }

        possibleTwin = IsPossibleTwin(given, family, birthDate, context.NamesSwapped, left, right);
        return total;
    }

    /// <summary>
    /// The household rule (formerly the twin rule). Twins and siblings share the family name and every household
    /// field (postcode, address, often a near date of birth), and those fields are not independent evidence within a
    /// household, so a pair that agrees on the family name links on its score only when the forenames support it too.
    /// It is held as a possible twin when the family names agree (exact, a shared part, Jaro-Winkler at least 0.92, or
    /// one edit apart: Evans and Evhns, which Jaro-Winkler puts below 0.92),
    /// the dates of birth are near (exact, one typo, day and month swapped, within 30 days) or one is missing, and the
    /// forenames are not equivalent. Equivalent forenames are the ways one child's name gets recorded: exact, a listed
    /// nickname or variant, a preferred or middle name, a close spelling (Jaro-Winkler at least 0.92), the same
    /// letters in another order, or one edit apart (a typo in a short name, Fxnn and Finn, falls below the
    /// close-spelling level). So Robert and Bob, or Jack and Jackie, born the same day still link; Lily and Lola (same
    /// sound only) or Amelia and Grace born on 09/03 and 03/09 do not. With names swapped in one record the
    /// comparators compare crosswise, and which crosswise comparison holds the forenames depends on which record is
    /// swapped, so the closer of the two is taken as the family name and the other as the forename. A group
    /// comparison keeps only the best level per comparator, so it gives the sound and similar-spelling levels the
    /// benefit of the doubt: it passes no records (<paramref name="left"/> null), and then forenames below the
    /// "different" level count as equivalent and family names must agree without the typo. The edit distances are
    /// computed last, only where they decide: this runs for every candidate pair.
    /// </summary>
    private bool IsPossibleTwin(int given, int family, int birthDate, bool namesSwapped, NormalisedPerson? left, NormalisedPerson? right)
    {
        if (!Thresholds.ReviewPossibleTwins || givenIndex < 0 || familyIndex < 0 || birthDateIndex < 0)
        {
            return false;
        }

        var (forename, surname) = namesSwapped && given != Comparator.Null && family != Comparator.Null
            ? (Math.Max(given, family), Math.Min(given, family))
            : (given, family);
        if (forename == Comparator.Null || surname < 0 || birthDate is not (Comparator.Null or >= 0 and <= NearBirthDateLevel))
        {
            return false;
        }

        var (forenameIndex, surnameIndex) = namesSwapped && family > given ? (familyIndex, givenIndex) : (givenIndex, familyIndex);
        if (surname > 2 && !(surname < comparators[surnameIndex].Levels.Count - 1 && left is not null && FamilyNamesOneEditApart(left, right!, namesSwapped, given, family)))
        {
            return false;
        }

        var equivalent = forename < FirstNonEquivalentForenameLevel ||
                         (forename < comparators[forenameIndex].Levels.Count - 1 && (left is null || ForenamesOneEditApart(left, right!, namesSwapped, given, family)));
        return !equivalent;
    }

    /// <summary>
    /// True if the forenames are one edit apart (optimal string alignment distance 1). With names swapped, the
    /// forenames are the crosswise comparison that agrees less well (see <see cref="IsPossibleTwin"/>).
    /// </summary>
    private static bool ForenamesOneEditApart(NormalisedPerson left, NormalisedPerson right, bool namesSwapped, int given, int family)
    {
        var (x, y) = !namesSwapped ? (left.Given, right.Given)
            : family > given ? (left.Family, right.Given)
            : (left.Given, right.Family);
        return x is not null && y is not null && EditDistance.OptimalStringAlignment(x.First, y.First, limit: 2) <= 1;
    }

    /// <summary>
    /// True if the family names are one edit apart (optimal string alignment distance 1, whole names). With names
    /// swapped, the family names are the crosswise comparison that agrees better (see <see cref="IsPossibleTwin"/>).
    /// </summary>
    private static bool FamilyNamesOneEditApart(NormalisedPerson left, NormalisedPerson right, bool namesSwapped, int given, int family)
    {
        var (x, y) = !namesSwapped ? (left.Family, right.Family)
            : family > given ? (left.Given, right.Family)
            : (left.Family, right.Given);
        return x is not null && y is not null && EditDistance.OptimalStringAlignment(x.Joined, y.Joined, limit: 2) <= 1;
    }

    /// <summary>
    /// For group comparisons: true if this one pair of records has equivalent forenames (see
    /// <see cref="IsPossibleTwin"/>) with a near or missing date of birth, or the very same forename, or no
    /// forename to compare (no evidence either way).
    /// </summary>
    private bool SupportsOneChild(NormalisedPerson a, NormalisedPerson b, bool namesSwapped, int given, int family, int birthDate)
    {
        var forename = namesSwapped && given != Comparator.Null && family != Comparator.Null ? Math.Max(given, family) : given;
        if (forename is Comparator.Null or 0)
        {
            return true;
        }

        var lastLevel = comparators[namesSwapped && family > given ? familyIndex : givenIndex].Levels.Count - 1;
        var equivalent = forename < FirstNonEquivalentForenameLevel ||
                         (forename < lastLevel && ForenamesOneEditApart(a, b, namesSwapped, given, family));
        return equivalent && (birthDate == Comparator.Null || birthDate <= NearBirthDateLevel);
    }

    /// <summary>The worst date-of-birth level still "near": within 30 days (levels exact, one typo, day-month swap, within 30 days).</summary>
    private const int NearBirthDateLevel = 3;

    /// <summary>The first given-name level at which forenames are not equivalent: "same Double Metaphone code".</summary>
    private const int FirstNonEquivalentForenameLevel = 4;

    private (MatchOutcome Outcome, bool HeldAsTwin) Outcome(DeterministicFinding deterministic, double probability, bool possibleTwin)
    {
        if (deterministic.Outcome is { } forced)
        {
            return (forced, false);
        }

        var outcome = Thresholds.OutcomeFor(probability);
        if (outcome == MatchOutcome.Match && deterministic.Conflicts)
        {
            // Two valid, different NHS numbers (or UPNs): never linked on the score.
            return (MatchOutcome.PossibleMatch, false);
        }

        return outcome == MatchOutcome.Match && possibleTwin ? (MatchOutcome.PossibleMatch, true) : (outcome, false);
    }

    /// <summary>Scores a pair with per-field evidence for reviewers.</summary>
    public MatchResult Explain(NormalisedPerson left, NormalisedPerson right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var context = NameOrientation.ContextFor(left, right);
        var evidence = new FieldEvidence[comparators.Length];
        var total = PriorWeight;
        for (var i = 0; i < comparators.Length; i++)
        {
            var comparator = comparators[i];
            var level = comparator.Compare(left, right, context);
            if (level == Comparator.Null)
            {
                evidence[i] = new FieldEvidence(comparator.Name, Comparator.Null, "missing", 0, 0);
                continue;
            }

            var adjustment = level == 0 ? TermFrequencyAdjustment(i, left, context) : 0;
            var weight = weights[i][level] + adjustment;
            total += weight;
            evidence[i] = new FieldEvidence(comparator.Name, level, comparator.Levels[level].Label, weight, adjustment);
        }

        var probability = ToProbability(total);
        var deterministic = DeterministicRules.Evaluate(left, right);
        var (givenLevel, familyLevel) = (LevelOf(evidence, givenIndex), LevelOf(evidence, familyIndex));
        var possibleTwin = IsPossibleTwin(
            givenLevel, familyLevel, LevelOf(evidence, birthDateIndex), context.NamesSwapped, left, right);
        var (outcome, heldAsTwin) = Outcome(deterministic, probability, possibleTwin);
        return new MatchResult(left.RecordId, right.RecordId, outcome, total, probability, deterministic, context.NamesSwapped, heldAsTwin, PriorWeight, evidence);
    }

    /// <summary>
    /// Scores two groups of records believed to be one person each (two partial clusters, or a fragment against
    /// every record of a known child): the "best view" comparison. For each comparator the closest level reached
    /// by any cross pair counts. Its m is the single-pair m (the best pair is treated as one ordinary pair, which
    /// understates the evidence); its u allows for the extra chances of agreeing by accident: with k distinct
    /// value combinations, P(best level = l | different people) = S(l-1)^k - S(l)^k, where S(l) is the chance of
    /// a level worse than l. Agreeing somewhere among many values thus counts for less than one agreeing pair.
    /// </summary>
    public GroupMatchResult ExplainGroups(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var best = new int[comparators.Length];
        var counts = new int[comparators.Length];
        var agreedValue = new string?[comparators.Length];
        Array.Fill(best, Comparator.Null);
        DeterministicFinding deterministic = default;
        var anySwapped = false;
        var oneChildPair = false;
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                var finding = DeterministicRules.Evaluate(a, b) with { Conflict = DeterministicRule.None };
                if (finding.Applies && (!deterministic.Applies || (deterministic.Contradicted && !finding.Contradicted)))
                {
                    deterministic = finding;
                }

                var context = NameOrientation.ContextFor(a, b);
                anySwapped |= context.NamesSwapped;
                int pairGiven = Comparator.Null, pairFamily = Comparator.Null, pairBirthDate = Comparator.Null;
                for (var i = 0; i < comparators.Length; i++)
                {
                    var level = comparators[i].Compare(a, b, context);
                    if (i == givenIndex)
                    {
                        pairGiven = level;
                    }
                    else if (i == familyIndex)
                    {
                        pairFamily = level;
                    }
                    else if (i == birthDateIndex)
                    {
                        pairBirthDate = level;
                    }

                    if (level == Comparator.Null)
                    {
                        continue;
                    }

                    if (best[i] == Comparator.Null || level < best[i])
                    {
                        best[i] = level;
                        agreedValue[i] = level == 0 && !(context.NamesSwapped && IsNameComparator(i)) ? comparators[i].TermFrequencyValue(a) : null;
                    }
                }

                if (!oneChildPair && givenIndex >= 0)
                {
                    oneChildPair = SupportsOneChild(a, b, context.NamesSwapped, pairGiven, pairFamily, pairBirthDate);
                }
            }
        }

        // Two people's records taken together conflict when both hold valid NHS numbers (or UPNs) and share none.
        if (deterministic.Rule != DeterministicRule.HubChildId)
        {
            deterministic = deterministic with { Conflict = GroupConflict(left, right) };
        }

        var evidence = new FieldEvidence[comparators.Length];
        var total = PriorWeight;
        for (var i = 0; i < comparators.Length; i++)
        {
            var comparator = comparators[i];
            if (best[i] == Comparator.Null)
            {
                evidence[i] = new FieldEvidence(comparator.Name, Comparator.Null, "missing", 0, 0);
                continue;
            }

            counts[i] = DistinctValues(comparator, left) * DistinctValues(comparator, right);

            var (weight, adjustment) = BestOfWeight(i, best[i], counts[i], agreedValue[i]);
            total += weight;
            var label = counts[i] == 1 ? comparator.Levels[best[i]].Label : $"{comparator.Levels[best[i]].Label} (best of {counts[i]} value pairs)";
            evidence[i] = new FieldEvidence(comparator.Name, best[i], label, weight, adjustment);
        }

        var probability = ToProbability(total);
        // The best level of each comparator may come from a different pair of records: one child's forename and
        // a sibling's date of birth. Within a family (family names agree), some single cross pair must itself
        // have equivalent forenames with a near or missing date of birth, or the same forename.
        var possibleTwin = IsPossibleTwin(LevelOf(evidence, givenIndex), LevelOf(evidence, familyIndex), LevelOf(evidence, birthDateIndex), anySwapped, left: null, right: null) ||
                           (Thresholds.ReviewPossibleTwins && givenIndex >= 0 && familyIndex >= 0 && birthDateIndex >= 0 &&
                            LevelOf(evidence, familyIndex) is >= 0 and <= 2 && !oneChildPair);
        var (outcome, heldAsTwin) = Outcome(deterministic, probability, possibleTwin);
        return new GroupMatchResult(
            left.Select(p => p.RecordId).ToArray(), right.Select(p => p.RecordId).ToArray(), outcome, total, probability, deterministic, heldAsTwin, PriorWeight, evidence);
    }

    /// <summary>
    /// The strong identifier (NHS number, else UPN) both groups hold, valid, with no value in common; None if none.
    /// </summary>
    public static DeterministicRule GroupConflict(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Disjoint(left, right, p => p.NhsNumber) ? DeterministicRule.NhsNumber
            : Disjoint(left, right, p => p.Upn) ? DeterministicRule.Upn
            : DeterministicRule.None;

        // Groups are small (MaxGroupSize), and consolidation calls this for every cluster pair it compares: nested
        // loops without allocating beat building a set.
        static bool Disjoint(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, Func<NormalisedPerson, string?> value)
        {
            var anyLeft = false;
            for (var i = 0; i < left.Count && !anyLeft; i++)
            {
                anyLeft = value(left[i]) is not null;
            }

            if (!anyLeft)
            {
                return false;
            }

            var anyRight = false;
            for (var j = 0; j < right.Count; j++)
            {
                if (value(right[j]) is not { } rightValue)
                {
                    continue;
                }

                anyRight = true;
                for (var i = 0; i < left.Count; i++)
                {
                    if (string.Equals(value(left[i]), rightValue, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }

            return anyRight;
        }
    }

    /// <summary>
    /// Number of different values a group holds for a comparator: records holding the same value count once,
    /// records without a value not at all.
    /// </summary>
    private static int DistinctValues(Comparator comparator, IReadOnlyList<NormalisedPerson> group)
    {
        if (group.Count == 1)
        {
            return 1;
        }

        var representatives = new List<NormalisedPerson>();
        foreach (var person in group)
        {
            if (!comparator.HasValue(person))
            {
                continue;
            }

            var seen = false;
            foreach (var representative in representatives)
            {
                if (comparator.SameValue(representative, person))
                {
                    seen = true;
                    break;
                }
            }

            if (!seen)
            {
                representatives.Add(person);
            }
        }

        return Math.Max(1, representatives.Count);
    }

    /// <summary>The weight of the best level among <paramref name="valuePairs"/> distinct value combinations, and its term-frequency part.</summary>
    private (double Weight, double Adjustment) BestOfWeight(int comparatorIndex, int level, int valuePairs, string? agreedValue)
    {
        var levels = Model.Comparators[comparatorIndex].Levels;
        double frequency = 0;
        var useFrequency = level == 0 && agreedValue is not null && comparators[comparatorIndex].UsesTermFrequencies &&
                           termFrequencies?.Frequency(comparatorIndex, agreedValue) is { } known && (frequency = known) > 0;
        if (valuePairs == 1)
        {
            var adjustmentForOne = useFrequency ? TermFrequencyAdjustment(comparatorIndex, agreedValue!) : 0;
            return (weights[comparatorIndex][level] + adjustmentForOne, adjustmentForOne);
        }

        var plain = Math.Log2(levels[level].M / BestOfU(levels, level, valuePairs));
        if (!useFrequency)
        {
            return (plain, 0);
        }

        // As for one pair: the agreed value's frequency stands in for u at exact agreement, never below zero weight.
        var adjusted = Math.Max(Math.Log2(exactM[comparatorIndex] / -double.ExpM1(valuePairs * double.LogP1(-Math.Min(frequency, 1 - 1e-12)))), 0);
        return (adjusted, adjusted - plain);
    }

    /// <summary>P(the best of k independent levels is <paramref name="level"/>) under u.</summary>
    private static double BestOfU(IReadOnlyList<LevelParameters> levels, int level, int k)
    {
        // Survival S(l): the chance of a level worse (higher) than l.
        double worseThanLevel = 0;
        for (var j = level + 1; j < levels.Count; j++)
        {
            worseThanLevel += levels[j].U;
        }

        var worseThanPrevious = Math.Min(worseThanLevel + levels[level].U, 1.0);
        var result = Math.Pow(worseThanPrevious, k) - Math.Pow(worseThanLevel, k);
        return Math.Max(result, double.Epsilon);
    }

    private static int LevelOf(FieldEvidence[] evidence, int index) => index < 0 ? Comparator.Null : evidence[index].Level;

    private bool IsNameComparator(int comparatorIndex) =>
        (comparators[comparatorIndex].Fields & (PersonFields.GivenName | PersonFields.FamilyName)) != 0;

    /// <summary>
    /// log2(u / frequency of the agreed value): negative for values commoner than average agreement, positive
    /// for rarer ones. The level-0 weight becomes log2(m / frequency).
    /// </summary>
    private double TermFrequencyAdjustment(int comparatorIndex, NormalisedPerson left, in PairContext context)
    {
        // With names swapped the agreed value sits in the other name field, whose frequencies differ
        // (Hall is rare as a forename, common as a surname): no adjustment rather than a wrong one.
        if (context.NamesSwapped && IsNameComparator(comparatorIndex))
        {
            return 0;
        }

        return comparators[comparatorIndex].TermFrequencyValue(left) is { } value ? TermFrequencyAdjustment(comparatorIndex, value) : 0;
    }

    private double TermFrequencyAdjustment(int comparatorIndex, string value)
    {
        if (termFrequencies is null || !comparators[comparatorIndex].UsesTermFrequencies ||
            termFrequencies.Frequency(comparatorIndex, value) is not { } frequency)
        {
            return 0;
        }

        // Never let a common value's agreement count as evidence against a match.
        var adjusted = Math.Max(Math.Log2(exactM[comparatorIndex] / frequency), 0);
        return adjusted - weights[comparatorIndex][0];
    }
}
