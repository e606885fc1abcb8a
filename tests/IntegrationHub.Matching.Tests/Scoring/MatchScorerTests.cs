using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Scoring;

[TestFixture]
public sealed class MatchScorerTests
{
    private static readonly MatchModel Model = MatchModel.FromDefaults(ComparatorSet.Default, priorMatchProbability: 0.001);

    private static MatchScorer Scorer(TermFrequencies? frequencies = null, MatchThresholds? thresholds = null) =>
        new(ComparatorSet.Default, Model, thresholds ?? new MatchThresholds(), frequencies);

    [Test]
    public void The_weight_is_the_prior_plus_log2_m_over_u_of_each_level_reached()
    {
        var a = People.Person(given: "Oliver", family: "Smith", dob: "2015-03-09");
        var b = People.Person(given: "Oliver", family: "Smith", dob: "2015-09-03");
        var expected = Model.PriorWeight + Model.For("given_name").Levels[0].Weight + Model.For("family_name").Levels[0].Weight +
                       Model.For("date_of_birth").Levels[2].Weight;
        Assert.That(Scorer().Weight(a, b), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Missing_values_add_nothing()
    {
        var result = Scorer().Explain(People.Person(given: "Oliver"), People.Person(given: "Oliver", postcode: "M1 1AE"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Evidence.Single(e => e.Comparator == "postcode").Weight, Is.Zero);
            Assert.That(result.Evidence.Single(e => e.Comparator == "postcode").Label, Is.EqualTo("missing"));
            Assert.That(result.MatchWeight, Is.EqualTo(Model.PriorWeight + Model.For("given_name").Levels[0].Weight).Within(1e-9));
        });
    }

    [Test]
    public void A_common_family_name_is_weaker_evidence_than_a_rare_one()
    {
        var people = Enumerable.Range(0, 200).Select(i => People.Person(family: "Smith", given: $"N{i}"))
            .Append(People.Person(family: "Featherstonehaugh"))
            .Concat(Enumerable.Range(0, 799).Select(i => People.Person(family: $"Family{(char)('a' + (i % 26))}{(char)('a' + (i / 26 % 26))}")))
            .ToArray();
        var scorer = Scorer(TermFrequencies.Build(ComparatorSet.Default, people));

        var smith = scorer.Explain(People.Person(family: "Smith"), People.Person(family: "Smith")).Evidence.Single(e => e.Comparator == "family_name");
        var rare = scorer.Explain(People.Person(family: "Featherstonehaugh"), People.Person(family: "Featherstonehaugh")).Evidence.Single(e => e.Comparator == "family_name");
        Assert.Multiple(() =>
        {
            Assert.That(rare.Weight, Is.GreaterThan(smith.Weight));
            Assert.That(smith.TermFrequencyAdjustment, Is.Negative);
            Assert.That(rare.TermFrequencyAdjustment, Is.Positive);
            Assert.That(smith.Weight, Is.GreaterThanOrEqualTo(0), "agreement never counts against a match");
        });
    }

    [Test]
    public void Outcomes_follow_the_thresholds()
    {
        var thresholds = new MatchThresholds { MatchProbability = 0.9, PossibleMatchProbability = 0.2 };
        Assert.Multiple(() =>
        {
            Assert.That(thresholds.OutcomeFor(0.95), Is.EqualTo(MatchOutcome.Match));
            Assert.That(thresholds.OutcomeFor(0.9), Is.EqualTo(MatchOutcome.Match));
            Assert.That(thresholds.OutcomeFor(0.5), Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(thresholds.OutcomeFor(0.1), Is.EqualTo(MatchOutcome.NoMatch));
        });
    }

    [Test]
    public void A_strong_agreement_matches_and_a_disagreement_does_not()
    {
        var scorer = Scorer();
        var robert = People.Person(given: "Robert", family: "Okafor", dob: "2015-03-09", sex: Sex.Male, postcode: "LS1 4AP");
        Assert.Multiple(() =>
        {
            Assert.That(scorer.Decide(robert, People.Person(given: "Rob", family: "Okafor", dob: "2015-03-09", sex: Sex.Male, postcode: "LS1 4AP")).Outcome,
                Is.EqualTo(MatchOutcome.Match));
            Assert.That(scorer.Decide(robert, People.Person(given: "Grace", family: "Adams", dob: "2009-11-30", sex: Sex.Female, postcode: "M1 1AE")).Outcome,
                Is.EqualTo(MatchOutcome.NoMatch));
        });
    }

    [Test]
    public void Twins_are_held_for_review_however_high_they_score()
    {
        var scorer = Scorer();
        var amelia = People.Person(given: "Amelia", family: "Okafor", dob: "2015-03-09", sex: Sex.Female, postcode: "LS1 4AP", address: ["4 Mill Lane"]);
        var grace = People.Person(given: "Grace", family: "Okafor", dob: "2015-03-09", sex: Sex.Female, postcode: "LS1 4AP", address: ["4 Mill Lane"]);
        var decision = scorer.Decide(amelia, grace);
        var withoutRule = Scorer(thresholds: new MatchThresholds { ReviewPossibleTwins = false }).Decide(amelia, grace);
        Assert.Multiple(() =>
        {
            Assert.That(decision.MatchProbability, Is.GreaterThan(0.95));
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(decision.PossibleTwin, Is.True);
            Assert.That(scorer.Explain(amelia, grace).PossibleTwin, Is.True);
            Assert.That(withoutRule.Outcome, Is.EqualTo(MatchOutcome.Match));
        });
    }

    private static NormalisedPerson Child(string given, string dob, string family = "Okafor", string? nhs = null, string? upn = null, Sex sex = Sex.Female) =>
        People.Person(given: given, family: family, dob: dob, sex: sex, postcode: "LS1 4AP", address: ["4 Mill Lane"], nhs: nhs, upn: upn);

    [Test]
    public void Different_valid_nhs_numbers_are_never_linked_on_the_score()
    {
        var scorer = Scorer();
        var a = Child("Amelia", "2015-03-09", nhs: "9434765919");
        var b = Child("Amelia", "2015-03-09", nhs: "4010232137");
        var decision = scorer.Decide(a, b);
        Assert.Multiple(() =>
        {
            Assert.That(decision.MatchProbability, Is.GreaterThan(0.95), "everything else agrees");
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(decision.Deterministic.Conflict, Is.EqualTo(DeterministicRule.NhsNumber));
            Assert.That(scorer.Explain(a, b).Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
        });
    }

    [Test]
    public void Different_valid_upns_are_never_linked_on_the_score()
    {
        Assert.That(Scorer().Decide(Child("Amelia", "2015-03-09", upn: "B801200005001"), Child("Amelia", "2015-03-09", upn: "Q801200005002")).Outcome,
            Is.EqualTo(MatchOutcome.PossibleMatch));
    }

    [TestCase("9434765918", "the other number fails modulus 11 (a typo), so it is no evidence")]
    [TestCase(null, "only one record has a number")]
    public void An_invalid_or_missing_second_number_still_links(string? otherNhs, string because)
    {
        Assert.That(Scorer().Decide(Child("Amelia", "2015-03-09", nhs: "9434765919"), Child("Amelia", "2015-03-09", nhs: otherNhs)).Outcome,
            Is.EqualTo(MatchOutcome.Match), because);
    }

    [TestCase("Amelia", "2015-03-09", "Grace", "2015-09-03", "day and month swapped")]
    [TestCase("Amelia", "2015-03-09", "Grace", "2015-03-14", "five days apart")]
    [TestCase("Lily", "2015-03-09", "Lola", "2015-03-09", "same sound only (Double Metaphone LL), two letters apart")]
    [TestCase("Amelia", "2015-03-09", "Grace", null, "one date of birth missing")]
    [TestCase("Isabella", "2026-01-06", "Hawwa", "2026-01-06", "family name one letter off (Evans, Evhns: Jaro-Winkler 0.88)", "Evans", "Evhns")]
    public void Siblings_and_twins_are_held_for_review(string given, string dob, string otherGiven, string? otherDob, string because, string family = "Okafor", string otherFamily = "Okafor")
    {
        var scorer = Scorer();
        var a = Child(given, dob, family: family);
        var b = People.Person(given: otherGiven, family: otherFamily, dob: otherDob, sex: Sex.Female, postcode: "LS1 4AP", address: ["4 Mill Lane"]);
        var decision = scorer.Decide(a, b);
        var withoutRule = Scorer(thresholds: new MatchThresholds { ReviewPossibleTwins = false }).Decide(a, b);
        Assert.Multiple(() =>
        {
            Assert.That(withoutRule.Outcome, Is.EqualTo(MatchOutcome.Match), "the score alone would link: " + because);
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch), because);
            Assert.That(decision.PossibleTwin, Is.True, because);
        });
    }

    [Test]
    public void Family_names_two_edits_apart_are_not_one_family_for_the_household_rule()
    {
        var isabella = Child("Isabella", "2026-01-06", family: "Evans");
        Assert.That(Scorer().Decide(isabella, Child("Hawwa", "2026-01-06", family: "Evhnsx")).PossibleTwin, Is.False);
    }

    [Test]
    public void Twins_with_the_names_swapped_in_one_record_are_held_for_review()
    {
        var scorer = Scorer();
        var william = People.Person(given: "William", family: "Benfield", dob: "2018-09-22", postcode: "NN16 8JS", address: ["12 Park Road"]);
        var ellen = People.Person(given: "Benfield", family: "Ellen", dob: "2018-09-22", postcode: "NN16 8JS", address: ["12 Park Road"]);
        Assert.Multiple(() =>
        {
            Assert.That(scorer.Explain(william, ellen).NamesSwapped, Is.True);
            Assert.That(scorer.Decide(william, ellen).Outcome, Is.Not.EqualTo(MatchOutcome.Match));
            Assert.That(scorer.Decide(ellen, william).Outcome, Is.Not.EqualTo(MatchOutcome.Match));
        });
    }

    [TestCase("Robert", "2015-03-09", "Bob", "2015-03-09", "a listed nickname")]
    [TestCase("Jack", "2015-03-09", "Jackie", "2015-03-09", "a diminutive")]
    [TestCase("Jack", "2015-03-09", "John", "2015-03-09", "a listed nickname (twins named Jack and John are not told apart)")]
    [TestCase("Finn", "2015-03-09", "Fxnn", "2015-03-09", "a typo in a short name (one edit)")]
    [TestCase("Oscar", "2015-03-09", "Osbar", "2015-03-09", "a typo in a short name (one edit)")]
    [TestCase("Amelia", "2015-03-09", "Amelia", "2015-09-03", "the same name, day and month swapped")]
    [TestCase("Amelia", "2015-03-09", "Amelia", "2015-03-14", "the same name, five days out")]
    [TestCase("Amelia", "2015-03-09", "Amelia", "2012-11-30", "the same name, a date far out")]
    [TestCase("Robert", "2015-03-09", "Bob", "2015-03-19", "a nickname, ten days out")]
    public void The_same_child_recorded_differently_still_links(string given, string dob, string otherGiven, string otherDob, string because)
    {
        var decision = Scorer().Decide(Child(given, dob, sex: Sex.Male), Child(otherGiven, otherDob, sex: Sex.Male));
        Assert.Multiple(() =>
        {
            Assert.That(decision.PossibleTwin, Is.False, because);
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.Match), because);
        });
    }

    [Test]
    public void Groups_whose_forename_and_date_of_birth_agree_only_through_different_records_are_held_for_review()
    {
        // Lily's record against a cluster holding a Lili born years earlier and a Lola born the same day: the best
        // forename (Lili) and the best date of birth (Lola's) come from two different children.
        NormalisedPerson[] lily = [Child("Lily", "2015-03-09")];
        NormalisedPerson[] others = [Child("Lili", "2011-06-01"), Child("Lola", "2015-03-09")];
        var held = Scorer().ExplainGroups(lily, others);
        var withoutRule = Scorer(thresholds: new MatchThresholds { ReviewPossibleTwins = false }).ExplainGroups(lily, others);
        Assert.Multiple(() =>
        {
            Assert.That(withoutRule.Outcome, Is.EqualTo(MatchOutcome.Match), "the best-of score alone would merge");
            Assert.That(held.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(held.PossibleTwin, Is.True);
        });
    }

    [Test]
    public void A_group_with_one_record_agreeing_on_forename_and_near_date_of_birth_still_matches()
    {
        NormalisedPerson[] lily = [Child("Lily", "2015-03-09")];
        NormalisedPerson[] sameChild = [Child("Lily", "2015-09-03"), Child("Lilly", "2015-03-09")];
        var result = Scorer().ExplainGroups(lily, sameChild);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(MatchOutcome.Match));
            Assert.That(result.PossibleTwin, Is.False);
        });
    }

    [Test]
    public void Groups_holding_different_valid_nhs_numbers_are_never_matched()
    {
        NormalisedPerson[] left = [Child("Amelia", "2015-03-09", nhs: "9434765919"), Child("Amelia", "2015-03-09")];
        NormalisedPerson[] right = [Child("Amelia", "2015-03-09", nhs: "4010232137")];
        var result = Scorer().ExplainGroups(left, right);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(result.Deterministic.Conflict, Is.EqualTo(DeterministicRule.NhsNumber));
        });
    }

    [Test]
    public void Same_household_fields_are_not_counted_twice()
    {
        var scorer = Scorer();
        var a = People.Person(postcode: "LS1 4AP", address: ["4 Mill Lane"]);
        var b = People.Person(postcode: "LS1 4AP", address: ["4 Mill Lane"]);
        var evidence = scorer.Explain(a, b).Evidence;
        Assert.Multiple(() =>
        {
            Assert.That(evidence.Single(e => e.Comparator == "postcode").Level, Is.Zero);
            Assert.That(evidence.Single(e => e.Comparator == "address").Level, Is.EqualTo(Matching.Comparison.Comparator.Null));
        });
    }

    [Test]
    public void Deterministic_rules_override_the_probabilistic_outcome()
    {
        var scorer = Scorer();
        var decision = scorer.Decide(People.Person(given: "Amy", nhs: "9434765919"), People.Person(given: "Zainab", nhs: "9434765919"));
        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.Match));
            Assert.That(decision.Deterministic.Rule, Is.EqualTo(DeterministicRule.NhsNumber));
        });
    }

    [Test]
    public void Explain_reports_every_comparator_with_its_level_and_swapped_names()
    {
        var result = Scorer().Explain(People.Person(given: "Isla", family: "Hall", id: "L"), People.Person(given: "Hall", family: "Isla", id: "R"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Evidence.Select(e => e.Comparator), Is.EqualTo(ComparatorSet.Default.Items.Select(c => c.Name)));
            Assert.That(result.NamesSwapped, Is.True);
            Assert.That(result.Evidence[0].Label, Is.EqualTo("exact"));
            Assert.That((result.LeftRecordId, result.RightRecordId), Is.EqualTo(("L", "R")));
            Assert.That(result.MatchProbability, Is.EqualTo(MatchScorer.ToProbability(result.MatchWeight)).Within(1e-12));
        });
    }

    [Test]
    public void A_group_is_compared_on_the_best_agreement_each_field_reaches()
    {
        var scorer = Scorer();
        var fragment = People.Person(given: "Sophie", family: "Smith", dob: "2012-04-05", postcode: "LS1 4AP");
        var knownRecords = new List<NormalisedPerson>
        {
            People.Person(given: "Sophie", family: "Jones", dob: "2012-04-05"),
            People.Person(given: "Sophie", family: "Smith", dob: "2010-01-01", postcode: "LS1 4AP"),
        };

        var group = scorer.ExplainGroups([fragment], knownRecords);
        var singles = knownRecords.Select(r => scorer.Weight(fragment, r)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(group.Evidence.Single(e => e.Comparator == "family_name").Level, Is.Zero);
            Assert.That(group.Evidence.Single(e => e.Comparator == "date_of_birth").Level, Is.Zero);
            Assert.That(group.MatchWeight, Is.GreaterThan(singles.Max()));
            Assert.That(group.Evidence.Single(e => e.Comparator == "given_name").Label, Is.EqualTo("exact"), "one distinct value on each side");
        });
    }

    [Test]
    public void Agreeing_somewhere_among_many_different_values_counts_for_less_than_one_agreeing_pair()
    {
        var scorer = Scorer();
        var fragment = People.Person(dob: "2012-04-05");
        var many = Enumerable.Range(1, 20).Select(d => People.Person(dob: $"2012-05-{d:00}")).Append(People.Person(dob: "2012-04-05")).ToList();
        var single = scorer.ExplainGroups([fragment], [People.Person(dob: "2012-04-05")]).Evidence.Single(e => e.Comparator == "date_of_birth");
        var best = scorer.ExplainGroups([fragment], many).Evidence.Single(e => e.Comparator == "date_of_birth");
        Assert.Multiple(() =>
        {
            Assert.That(best.Level, Is.Zero);
            Assert.That(best.Weight, Is.LessThan(single.Weight));
            Assert.That(best.Label, Does.Contain("best of 21"));
        });
    }

    [Test]
    public void Models_that_do_not_fit_the_comparators_are_refused()
    {
        var broken = Model with { Comparators = Model.Comparators.Skip(1).ToArray() };
        Assert.Multiple(() =>
        {
            Assert.That(() => Scorer(thresholds: new MatchThresholds { MatchProbability = 0.4, PossibleMatchProbability = 0.6 }), Throws.InvalidOperationException);
            Assert.That(() => new MatchScorer(ComparatorSet.Default, broken, new MatchThresholds(), null), Throws.InvalidOperationException);
            Assert.That(() => new MatchScorer(ComparatorSet.Default, Model with { PriorMatchProbability = 1 }, new MatchThresholds(), null), Throws.InvalidOperationException);
        });
    }
}
