using IntegrationHub.Domain.BestView;

namespace IntegrationHub.Domain.Tests.BestView;

[TestFixture]
public sealed class Survivorship_chooses_each_item
{
    private static readonly DateTimeOffset Earlier = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Earlier.AddDays(30);

    private static readonly SourceReliability RegistrationTrustedForDateOfBirth = new([
        new ReliabilityRule(DataItems.DateOfBirth, "registration*", 10),
        new ReliabilityRule("*", "cms-leeds", 1),
    ]);

    private static SourcedDetails Fragment(string id, string source, DateTimeOffset at, ChildDetails details) => new(id, source, at, details);

    [Test]
    public void From_the_most_reliable_source_for_that_item_even_when_older()
    {
        var view = Survivorship.Assemble([
            Fragment("a", "registration-dcsf", Earlier, new ChildDetails { DateOfBirth = new DateOnly(2012, 4, 17), GivenName = "Kelly" }),
            Fragment("b", "cms-leeds", Later, new ChildDetails { DateOfBirth = new DateOnly(2012, 7, 14), GivenName = "Kelli" }),
        ], RegistrationTrustedForDateOfBirth);

        Assert.Multiple(() =>
        {
            Assert.That(view.Details.DateOfBirth, Is.EqualTo(new DateOnly(2012, 4, 17)));
            Assert.That(view.ChosenFrom[DataItems.DateOfBirth], Is.EqualTo("registration-dcsf"));
            // The CMS ranks 1 for every item, the registration source 0 for names.
            Assert.That(view.Details.GivenName, Is.EqualTo("Kelli"));
        });
    }

    [TestCase("4857773457", "4857773458", "4857773457", TestName = "A valid NHS number over a newer invalid one")]
    [TestCase("4857773458", "4857773457", "4857773457", TestName = "A valid NHS number when it is the newer one")]
    public void Then_by_validity(string older, string newer, string expected)
    {
        var view = Survivorship.Assemble([
            Fragment("a", "s1", Earlier, new ChildDetails { NhsNumber = older }),
            Fragment("b", "s2", Later, new ChildDetails { NhsNumber = newer }),
        ], SourceReliability.None);
        Assert.That(view.Details.NhsNumber, Is.EqualTo(expected));
    }

    [Test]
    public void Then_by_recency()
    {
        var view = Survivorship.Assemble([
            Fragment("a", "s1", Earlier, new ChildDetails { FamilyName = "Morgan" }),
            Fragment("b", "s2", Later, new ChildDetails { FamilyName = "Morgan-Reid" }),
        ], SourceReliability.None);
        Assert.That(view.Details.FamilyName, Is.EqualTo("Morgan-Reid"));
    }

    [Test]
    public void The_result_does_not_depend_on_the_order_of_the_fragments()
    {
        SourcedDetails[] fragments = [
            Fragment("a", "s1", Earlier, new ChildDetails { FamilyName = "Morgan" }),
            Fragment("b", "s2", Earlier, new ChildDetails { FamilyName = "Moran" }),
        ];
        Assert.That(Survivorship.Assemble(fragments, SourceReliability.None).Details,
            Is.EqualTo(Survivorship.Assemble([.. fragments.Reverse()], SourceReliability.None).Details));
    }

    [Test]
    public void A_missing_item_never_wins_over_a_present_one()
    {
        var view = Survivorship.Assemble([
            Fragment("a", "s1", Earlier, new ChildDetails { Upn = "G209301512001" }),
            Fragment("b", "s2", Later, new ChildDetails { Upn = "  " }),
        ], SourceReliability.None);
        Assert.That(view.Details.Upn, Is.EqualTo("G209301512001"));
    }

    [Test]
    public void Names_and_addresses_that_lose_are_kept_as_alternatives_once_each()
    {
        var view = Survivorship.Assemble([
            Fragment("a", "s1", Earlier, new ChildDetails { GivenName = "Kelly", FamilyName = "Morgan", Address = new PostalAddress(["12 Station Road"], "LS1 4DY") }),
            Fragment("b", "s2", Later, new ChildDetails { GivenName = "Kelly", FamilyName = "Morgan-Reid", Address = new PostalAddress(["3 Mill Lane"], "LS6 2QT") }),
            Fragment("c", "s3", Earlier, new ChildDetails { GivenName = "KELLY", FamilyName = "morgan", Address = new PostalAddress(["12, Station Road"], "ls14dy") }),
        ], SourceReliability.None);

        Assert.Multiple(() =>
        {
            Assert.That(view.Details.FamilyName, Is.EqualTo("Morgan-Reid"));
            Assert.That(view.AlternativeNames, Is.EqualTo(new[] { new AlternativeName("Kelly", "Morgan") }));
            Assert.That(view.AlternativeAddresses.Select(a => a.Lines[0]), Is.EqualTo(new[] { "12 Station Road" }));
        });
    }

    [Test]
    public void Not_known_gender_is_no_value()
    {
        var view = Survivorship.Assemble([
            Fragment("a", "s1", Earlier, new ChildDetails { Gender = "female" }),
            Fragment("b", "s2", Later, new ChildDetails { Gender = "notKnown" }),
        ], SourceReliability.None);
        Assert.That(view.Details.Gender, Is.EqualTo("female"));
    }
}

[TestFixture]
public sealed class Reliability_rules
{
    private static readonly SourceReliability Table = new([
        new ReliabilityRule(DataItems.DateOfBirth, "registration*", 10),
        new ReliabilityRule("*", "cms-leeds", 3),
        new ReliabilityRule("*", "*", 1),
    ]);

    [TestCase(DataItems.DateOfBirth, "registration-dcsf", 10, TestName = "A prefix pattern applies to every source it begins")]
    [TestCase(DataItems.DateOfBirth, "cms-leeds", 3, TestName = "An exact source id applies to that source")]
    [TestCase(DataItems.Address, "registration-dcsf", 1, TestName = "A rule for one item does not apply to another")]
    [TestCase(DataItems.Address, "anyone", 1, TestName = "The star pattern applies to every source")]
    public void The_highest_applying_rank_counts(string item, string source, int rank)
    {
        Assert.That(Table.Rank(item, source), Is.EqualTo(rank));
    }
}
