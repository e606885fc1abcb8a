using IntegrationHub.Matching.Blocking;
using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Blocking;

[TestFixture]
public sealed class CandidatePairsTests
{
    private static readonly BlockingPass ByFamily = new("family", PersonFields.FamilyName, (p, keys) =>
    {
        if (p.Family is not null)
        {
            keys.Add(BlockingKey.Of(p.Family.Joined));
        }
    });

    private static readonly BlockingPass ByBirthDate = new("dob", PersonFields.DateOfBirth, (p, keys) =>
    {
        if (p.BirthDate != 0)
        {
            keys.Add(BlockingKey.Of(p.BirthDate));
        }
    });

    private static readonly BlockingPass ByEachFamilyPart = new("parts", PersonFields.FamilyName, (p, keys) =>
    {
        foreach (var token in p.Family?.Tokens ?? [])
        {
            keys.Add(BlockingKey.Of(token));
        }
    });

    private static List<(int, int)> Pairs(CandidatePairs candidates)
    {
        var pairs = new List<(int, int)>();
        candidates.Visit((a, b) => pairs.Add((a, b)));
        return pairs;
    }

    // The passes whose blocks grow with the register are refined by the sex; a record of unknown sex meets either sex.
    [TestCase(Sex.Female, Sex.Female, true)]
    [TestCase(Sex.Male, Sex.Male, true)]
    [TestCase(Sex.Female, Sex.Male, false)]
    [TestCase(Sex.Unknown, Sex.Male, true)]
    [TestCase(Sex.Female, Sex.Unknown, true)]
    [TestCase(Sex.Unknown, Sex.Unknown, true)]
    public void The_date_of_birth_and_names_passes_pair_records_of_the_same_or_an_unknown_sex(Sex a, Sex b, bool meet)
    {
        NormalisedPerson[] people =
        [
            People.Person(given: "Amelia", family: "Smith", dob: "2015-01-01", sex: a),
            People.Person(given: "Amelia", family: "Smith", dob: "2015-01-01", sex: b),
        ];
        foreach (var pass in new[] { BlockingPasses.BirthDateAndFamilyInitial, BlockingPasses.BirthDateAndGivenInitial, BlockingPasses.NamesPhonetic })
        {
            Assert.That(Pairs(CandidatePairs.ForDeduplication(people, [pass], 100)), meet ? Is.EqualTo(new[] { (0, 1) }) : Is.Empty, pass.Name);
            Assert.That(Pairs(CandidatePairs.ForLinkage(people[..1], people[1..], [pass], 100)), meet ? Is.EqualTo(new[] { (0, 0) }) : Is.Empty, pass.Name);
        }
    }

    [Test]
    public void A_sample_by_record_visits_exactly_the_pairs_of_the_records_kept()
    {
        var people = Enumerable.Range(0, 12).Select(i => People.Person(family: i % 2 == 0 ? "Smith" : "Jones", dob: "2015-01-01")).ToArray();
        var candidates = CandidatePairs.ForDeduplication(people, [ByFamily], 100);
        var all = Pairs(candidates);
        var states = candidates.Visit(() => new List<(int, int)>(), (a, b, list) => list.Add((a, b)), 2, keepLeft: a => a % 3 == 0, out _);
        Assert.That(states.SelectMany(s => s), Is.EquivalentTo(all.Where(p => p.Item1 % 3 == 0)));
    }

    [Test]
    public void A_pair_found_by_several_passes_is_visited_once()
    {
        NormalisedPerson[] people =
        [
            People.Person(family: "Smith", dob: "2015-01-01"),
            People.Person(family: "Smith", dob: "2015-01-01"),
            People.Person(family: "Jones", dob: "2015-01-01"),
            People.Person(family: "Smith", dob: "2016-01-01"),
        ];
        var pairs = Pairs(CandidatePairs.ForDeduplication(people, [ByFamily, ByBirthDate], maxBlockSize: 100));
        Assert.That(pairs, Is.EquivalentTo(new[] { (0, 1), (0, 3), (1, 3), (0, 2), (1, 2) }));
    }

    [Test]
    public void A_pair_sharing_several_keys_of_one_pass_is_visited_once()
    {
        NormalisedPerson[] people = [People.Person(family: "Smith-Jones"), People.Person(family: "Jones Smith")];
        Assert.That(Pairs(CandidatePairs.ForDeduplication(people, [ByEachFamilyPart], 100)), Is.EqualTo(new[] { (0, 1) }));
    }

    [Test]
    public void Blocks_over_the_size_limit_are_skipped_but_their_records_still_meet_in_other_passes()
    {
        var people = Enumerable.Range(0, 5).Select(i => People.Person(family: "Smith", dob: i < 2 ? "2015-01-01" : $"201{i}-01-01")).ToArray();
        var candidates = CandidatePairs.ForDeduplication(people, [ByFamily, ByBirthDate], maxBlockSize: 4);
        Assert.Multiple(() =>
        {
            Assert.That(Pairs(candidates), Is.EqualTo(new[] { (0, 1) }));
            candidates.Visit(() => 0, (_, _, _) => { }, 1, out var report);
            Assert.That(report[0].SkippedBlocks, Is.EqualTo(1));
            Assert.That(report[1].Pairs, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_pass_can_have_its_own_smaller_block_limit()
    {
        var rare = new BlockingPass("dob", PersonFields.DateOfBirth, (p, keys) => keys.Add(BlockingKey.Of(p.BirthDate)), maxBlockSize: 2);
        var people = new[] { "2015-01-01", "2015-01-01", "2015-01-01", "2016-01-01", "2016-01-01" }.Select(d => People.Person(dob: d)).ToArray();
        Assert.That(Pairs(CandidatePairs.ForDeduplication(people, [rare], 100)), Is.EqualTo(new[] { (3, 4) }));
    }

    [Test]
    public void Linking_pairs_left_records_with_right_records_only()
    {
        NormalisedPerson[] left = [People.Person(family: "Smith"), People.Person(family: "Smith")];
        NormalisedPerson[] right = [People.Person(family: "Smith"), People.Person(family: "Jones")];
        var candidates = CandidatePairs.ForLinkage(left, right, [ByFamily, ByEachFamilyPart], 100);
        Assert.Multiple(() =>
        {
            Assert.That(Pairs(candidates), Is.EquivalentTo(new[] { (0, 0), (1, 0) }));
            Assert.That(candidates.AllPairs, Is.EqualTo(4));
        });
    }

    [Test]
    public void Parallel_visiting_finds_the_same_pairs()
    {
        var people = Enumerable.Range(0, 300).Select(i => People.Person(family: $"F{i % 7}", dob: $"2015-01-{1 + (i % 20):00}")).ToArray();
        var candidates = CandidatePairs.ForDeduplication(people, [ByFamily, ByBirthDate], 1000);
        var states = candidates.Visit(() => new List<(int, int)>(), (a, b, list) => list.Add((a, b)), 2, out _);
        Assert.That(states.SelectMany(s => s).OrderBy(p => p), Is.EqualTo(Pairs(candidates).OrderBy(p => p)));
    }

    [Test]
    public void Unordered_keys_ignore_order_and_keys_are_never_zero()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BlockingKey.Unordered("isla", "hall"), Is.EqualTo(BlockingKey.Unordered("hall", "isla")));
            Assert.That(BlockingKey.Of("ab", "c"), Is.Not.EqualTo(BlockingKey.Of("a", "bc")));
            Assert.That(BlockingKey.Of(string.Empty), Is.Not.Zero);
        });
    }

    [Test]
    public void Standard_passes_catch_swapped_names_and_a_wrong_date_of_birth()
    {
        NormalisedPerson[] people =
        [
            People.Person(given: "Isla", family: "Hall", dob: "1985-02-07"),
            People.Person(given: "Hall", family: "Isla", dob: "1958-07-02"),
        ];
        Assert.That(Pairs(CandidatePairs.ForDeduplication(people, BlockingPasses.Default, 1000)), Is.EqualTo(new[] { (0, 1) }));
    }
}
