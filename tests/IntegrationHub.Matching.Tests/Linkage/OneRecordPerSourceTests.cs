using IntegrationHub.Matching.Linkage;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Linkage;

/// <summary>
/// The one-record-per-source rule (<see cref="MatchingOptions.OneRecordPerSource"/>): a possible match links when
/// neither child already has a record in the other's source, between sources that already share most children.
/// </summary>
[TestFixture]
public sealed class OneRecordPerSourceTests
{
    private const double Prior = 0.001;

    private static readonly string[] First = ["Ro", "Ma", "Li", "Ka", "Te", "Jo", "Da", "Su", "Ne", "Vi"];
    private static readonly string[] Second = ["ben", "lia", "ran", "mon", "dra", "vin", "sel", "tor", "nah", "mir"];

    /// <summary>A hundred children each held by health and education alike: the two sources share all their children.</summary>
    private static IEnumerable<PersonRecord> SharedChildren() =>
        Enumerable.Range(0, 100).SelectMany(i => new[] { "health", "education" }.Select(source =>
            People.Record(
                given: First[i % 10] + Second[i / 10],
                family: Second[i % 10] + First[i / 10].ToLowerInvariant() + "ley",
                dob: new DateOnly(2008, 1, 1).AddDays(i * 53).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                sex: i % 2 == 0 ? Sex.Female : Sex.Male,
                postcode: "LS1 4AP",
                id: $"{source}-{i}") with { SourceId = source }));

    /// <summary>
    /// One child as each source has her: the same names, a date of birth 17 days apart and another address (she moved,
    /// and a date was mistyped): evidence for one child, but not enough to link on the score alone.
    /// </summary>
    private static PersonRecord[] MovedChild() =>
    [
        People.Record(given: "Poppy", family: "Murphy", dob: "2011-02-08", sex: Sex.Female, postcode: "BH23 6AN", address: ["73 New Road"], id: "health-poppy") with { SourceId = "health" },
        People.Record(given: "Poppy", family: "Murphy", dob: "2011-02-25", sex: Sex.Female, postcode: "WV10 7DW", address: ["72 Queen Way"], id: "education-poppy") with { SourceId = "education" },
    ];

    private static (LinkageResult Result, PersonRecord[] Records) Deduplicate(IEnumerable<PersonRecord> records, bool rule = true)
    {
        var all = records.ToArray();
        // A match threshold of 0.999 keeps the moved child's pair in the review band however the record counts shift
        // the term frequencies of her names.
        var engine = new MatchEngine(new MatchingOptions { OneRecordPerSource = rule, Thresholds = new MatchThresholds { MatchProbability = 0.999 } });
        return (engine.Deduplicate(all, MatchModel.FromDefaults(engine.Comparators, Prior)), all);
    }

    private static bool Together(LinkageResult result, PersonRecord[] records, string a, string b) =>
        result.LeftClusters[Array.FindIndex(records, r => r.RecordId == a)] == result.LeftClusters[Array.FindIndex(records, r => r.RecordId == b)];

    [Test]
    public void A_possible_match_whose_children_have_no_record_in_each_others_source_is_linked()
    {
        var (without, records) = Deduplicate(SharedChildren().Concat(MovedChild()), rule: false);
        var (with, _) = Deduplicate(records);
        var pair = with.Pairs.Single(p => records[p.Left].RecordId.EndsWith("poppy", StringComparison.Ordinal) && records[p.Right].RecordId.EndsWith("poppy", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(without.PossibleMatches.Count(p => records[p.Left].RecordId.EndsWith("poppy", StringComparison.Ordinal)), Is.EqualTo(1), "on its score the pair is a possible match");
            Assert.That(Together(without, records, "health-poppy", "education-poppy"), Is.False);
            Assert.That(Together(with, records, "health-poppy", "education-poppy"), Is.True);
            Assert.That(pair.Outcome, Is.EqualTo(MatchOutcome.Match));
            Assert.That(pair.LinkedAsOnlyRecords, Is.True);
            Assert.That(pair.MatchProbability, Is.LessThan(0.999), "the score itself is unchanged");
        });
    }

    [Test]
    public void A_possible_match_is_held_when_one_child_already_has_a_record_in_the_other_source()
    {
        // Health's Poppy already has her own education record: the other education Poppy is another child.
        var known = People.Record(given: "Poppy", family: "Murphy", dob: "2011-02-08", sex: Sex.Female, postcode: "BH23 6AN", address: ["73 New Road"], id: "education-poppy-known") with { SourceId = "education" };
        var (result, records) = Deduplicate(SharedChildren().Concat(MovedChild()).Append(known));

        Assert.Multiple(() =>
        {
            Assert.That(Together(result, records, "health-poppy", "education-poppy-known"), Is.True);
            Assert.That(Together(result, records, "health-poppy", "education-poppy"), Is.False);
            Assert.That(result.Pairs.Any(p => p.LinkedAsOnlyRecords), Is.False);
        });
    }

    [Test]
    public void Sources_that_share_few_children_are_not_linked_by_the_rule()
    {
        // A hundred more children in each source that the other does not know: 100 of 201 children of each are linked.
        var unknown = new[] { ("health", "Wil", "M1 1AE"), ("education", "Gor", "B1 1BB") }.SelectMany(source => Enumerable.Range(0, 100).Select(i =>
            People.Record(
                given: source.Item2 + Second[i % 10] + Second[i / 10],
                family: "Fitz" + First[i % 10].ToLowerInvariant() + Second[i / 10] + source.Item2.ToLowerInvariant(),
                dob: new DateOnly(source.Item1 == "health" ? 2009 : 2012, 3, 1).AddDays(i * 29).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                postcode: source.Item3,
                id: $"{source.Item1}-other-{i}") with { SourceId = source.Item1 }));
        var (result, records) = Deduplicate(SharedChildren().Concat(MovedChild()).Concat(unknown));

        Assert.Multiple(() =>
        {
            Assert.That(Together(result, records, "health-poppy", "education-poppy"), Is.False);
            Assert.That(result.PossibleMatches.Count(p => records[p.Left].RecordId.EndsWith("poppy", StringComparison.Ordinal)), Is.EqualTo(1), "still held for review");
        });
    }

    [Test]
    public void A_child_with_a_record_of_no_known_source_is_not_linked_by_the_rule()
    {
        // A record of health's Poppy (her NHS number) that names no source: it may be education's own record of her.
        var moved = MovedChild();
        moved[0] = moved[0] with { NhsNumber = "9434765919" };
        var unnamed = People.Record(dob: "2011-02-08", nhs: "9434765919", id: "unnamed-poppy");
        var (result, records) = Deduplicate(SharedChildren().Concat(moved).Append(unnamed));

        Assert.Multiple(() =>
        {
            Assert.That(Together(result, records, "health-poppy", "unnamed-poppy"), Is.True);
            Assert.That(result.PossibleMatches.Count(p => records[p.Left].RecordId == "health-poppy" && records[p.Right].RecordId == "education-poppy"), Is.EqualTo(1), "a possible match on its score");
            Assert.That(Together(result, records, "health-poppy", "education-poppy"), Is.False);
        });
    }

    [Test]
    public void Linking_two_files_applies_the_rule_to_pairs_across_them()
    {
        var all = SharedChildren().Concat(MovedChild()).ToArray();
        var (left, right) = (all.Where(r => r.SourceId == "health").ToArray(), all.Where(r => r.SourceId == "education").ToArray());
        var engine = new MatchEngine(new MatchingOptions { Thresholds = new MatchThresholds { MatchProbability = 0.999 } });

        var result = engine.Link(left, right, MatchModel.FromDefaults(engine.Comparators, Prior));
        var (poppyLeft, poppyRight) = (Array.FindIndex(left, r => r.RecordId == "health-poppy"), Array.FindIndex(right, r => r.RecordId == "education-poppy"));
        var pair = result.Pairs.Single(p => p.Left == poppyLeft && p.Right == poppyRight);

        Assert.Multiple(() =>
        {
            Assert.That(result.LeftClusters[poppyLeft], Is.EqualTo(result.RightClusters[poppyRight]));
            Assert.That(pair.LinkedAsOnlyRecords, Is.True);
            Assert.That(result.Matches.Count(p => p.LinkedAsOnlyRecords), Is.EqualTo(1), "only the moved child needed the rule");
        });
    }

    [Test]
    public void Possible_twins_stay_held_though_each_source_knows_only_one_of_them()
    {
        // One family, one date of birth, one address, unrelated forenames: the household rule holds them as possible
        // twins, and the rule does not overrule it (each source knowing one twin looks just like this).
        PersonRecord Twin(string given, string source) =>
            People.Record(given: given, family: "Pemberton-Hale", dob: "2019-05-14", sex: Sex.Female, postcode: "YO1 7HH", address: ["4 Minster Yard"], id: $"{source}-{given}") with { SourceId = source };

        var (result, records) = Deduplicate(SharedChildren().Append(Twin("Matilda", "health")).Append(Twin("Beatrix", "education")));
        var pair = result.Pairs.Single(p => records[p.Left].RecordId.EndsWith("Matilda", StringComparison.Ordinal) || records[p.Right].RecordId.EndsWith("Matilda", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(pair.MatchProbability, Is.GreaterThanOrEqualTo(0.999), "they score as a match");
            Assert.That(pair.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(Together(result, records, "health-Matilda", "education-Beatrix"), Is.False);
        });
    }

    [Test]
    public void A_possible_match_whose_recorded_sexes_disagree_stays_held()
    {
        // The same date of birth this time (a stronger pair), but recorded as a boy.
        var moved = MovedChild();
        moved[1] = moved[1] with { Sex = Sex.Male, DateOfBirth = moved[0].DateOfBirth };
        var (result, records) = Deduplicate(SharedChildren().Concat(moved));

        Assert.Multiple(() =>
        {
            Assert.That(result.PossibleMatches.Count(p => records[p.Left].RecordId.EndsWith("poppy", StringComparison.Ordinal)), Is.EqualTo(1), "a possible match on its score");
            Assert.That(Together(result, records, "health-poppy", "education-poppy"), Is.False);
        });
    }
}
