using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Comparison;

[TestFixture]
public sealed class DateOfBirthComparatorTests
{
    private static readonly DateOfBirthComparator Comparator = new();

    private static int Level(string? a, string? b) => Comparator.Compare(People.Person(dob: a), People.Person(dob: b), default);

    [TestCase("2015-03-09", "2015-03-09", 0, "exact")]
    [TestCase("2015-03-09", "2015-03-08", 1, "one digit")]
    [TestCase("2015-03-09", "2016-03-09", 1, "one digit of the year")]
    [TestCase("2015-03-12", "2015-03-21", 1, "adjacent digits swapped")]
    [TestCase("2015-03-09", "2015-09-03", 2, "day and month swapped")]
    [TestCase("2015-03-09", "2015-03-31", 3, "within 30 days")]
    [TestCase("2015-03-09", "2015-11-20", 4, "within a year")]
    [TestCase("2015-03-09", "2010-11-20", 5, "within ten years")]
    [TestCase("2015-03-09", "1994-11-20", 6, "different")]
    public void Levels_run_from_exact_to_different(string a, string b, int expected, string because)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Level(a, b), Is.EqualTo(expected), because);
            Assert.That(Level(b, a), Is.EqualTo(expected), "symmetric");
        });
    }

    [Test]
    public void A_missing_date_is_no_evidence()
    {
        Assert.That(Level(null, "2015-03-09"), Is.EqualTo(Matching.Comparison.Comparator.Null));
    }

    [TestCase(20150309, 20150308, true)]
    [TestCase(19910101, 19190101, true)]
    [TestCase(19910101, 19100101, false)]
    [TestCase(20150312, 20150321, true)]
    [TestCase(20150312, 20150323, false)]
    [TestCase(20150309, 20160308, false)]
    public void One_typo_means_one_digit_changed_or_two_adjacent_swapped(int a, int b, bool expected)
    {
        Assert.That(DateOfBirthComparator.IsOneTypo(a, b), Is.EqualTo(expected));
    }
}

[TestFixture]
public sealed class SexComparatorTests
{
    private static readonly SexComparator Comparator = new();

    [TestCase(Sex.Female, Sex.Female, 0)]
    [TestCase(Sex.Male, Sex.Female, 1)]
    [TestCase(Sex.Unknown, Sex.Female, Matching.Comparison.Comparator.Null)]
    public void Same_different_or_unknown(Sex a, Sex b, int expected)
    {
        Assert.That(Comparator.Compare(People.Person(sex: a), People.Person(sex: b), default), Is.EqualTo(expected));
    }

    [TestCase("F", Sex.Female)]
    [TestCase("female", Sex.Female)]
    [TestCase("2", Sex.Female)]
    [TestCase(" m ", Sex.Male)]
    [TestCase("1", Sex.Male)]
    [TestCase("9", Sex.Unknown)]
    [TestCase("not known", Sex.Unknown)]
    [TestCase(null, Sex.Unknown)]
    public void Common_codes_are_read(string? code, Sex expected)
    {
        Assert.That(SexCodes.Parse(code), Is.EqualTo(expected));
    }
}

[TestFixture]
public sealed class PostcodeComparatorTests
{
    private static readonly PostcodeComparator Comparator = new();

    private static int Level(string? a, string? b) => Comparator.Compare(People.Person(postcode: a), People.Person(postcode: b), default);

    [TestCase("SW1A 1AA", "sw1a1aa", 0, "same postcode")]
    [TestCase("SW1A 1AA", "SW1A 1AB", 1, "same sector")]
    [TestCase("SW1A 1AA", "SW1A 2AA", 2, "same district")]
    [TestCase("SW1A 1AA", "SW1A", 2, "district known on one side only")]
    [TestCase("SW1A 1AA", "SW3 5RS", 3, "same area")]
    [TestCase("SW1A 1AA", "M1 1AE", 4, "different")]
    [TestCase("75008", "75 008", 0, "same foreign code")]
    [TestCase("75008", "75009", 4, "different foreign code")]
    [TestCase("75008", "SW1A 1AA", 4, "foreign against UK")]
    public void Levels_run_from_full_to_different(string a, string b, int expected, string because)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Level(a, b), Is.EqualTo(expected), because);
            Assert.That(Level(b, a), Is.EqualTo(expected), "symmetric");
        });
    }

    [Test]
    public void A_missing_postcode_is_no_evidence()
    {
        Assert.That(Level(null, "SW1A 1AA"), Is.EqualTo(Matching.Comparison.Comparator.Null));
    }
}

[TestFixture]
public sealed class AddressComparatorTests
{
    private static readonly AddressComparator Comparator = new();

    private static int Level(string[]? a, string[]? b) => Comparator.Compare(People.Person(address: a), People.Person(address: b), default);

    [Test]
    public void Identical_addresses_agree_exactly_whatever_the_punctuation()
    {
        Assert.That(Level(["12 High Street", "Leeds"], ["12, High Street,", "LEEDS"]), Is.Zero);
    }

    [Test]
    public void All_tokens_of_the_shorter_address_agreeing_with_typos_allowed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Level(["12 High Street", "Leeds"], ["12 High Stret"]), Is.EqualTo(1));
            Assert.That(Level(["London"], ["Lonon"]), Is.EqualTo(1));
        });
    }

    [Test]
    public void Half_the_tokens_agreeing()
    {
        Assert.That(Level(["12 High Street"], ["12 High Road"]), Is.EqualTo(2));
    }

    [Test]
    public void Different_house_numbers_cap_the_agreement()
    {
        Assert.That(Level(["12 High Street", "Leeds"], ["14 High Street", "Leeds"]), Is.EqualTo(3));
    }

    [Test]
    public void Nothing_in_common_is_different()
    {
        Assert.That(Level(["12 High Street"], ["3 Church Lane"]), Is.EqualTo(4));
    }

    [Test]
    public void A_missing_address_is_no_evidence()
    {
        Assert.That(Level(null, ["Leeds"]), Is.EqualTo(Matching.Comparison.Comparator.Null));
    }

    [Test]
    public void An_address_agreeing_under_the_same_postcode_adds_nothing_to_the_postcode()
    {
        var a = People.Person(address: ["4 Mill Lane"], postcode: "LS1 4AP");
        Assert.Multiple(() =>
        {
            Assert.That(Comparator.Compare(a, People.Person(address: ["4 Mill Lane"], postcode: "LS1 4AP"), default), Is.EqualTo(Matching.Comparison.Comparator.Null));
            Assert.That(Comparator.Compare(a, People.Person(address: ["4 Mill Laane"], postcode: "LS1 4AP"), default), Is.EqualTo(Matching.Comparison.Comparator.Null));
            Assert.That(Comparator.Compare(a, People.Person(address: ["7 Mill Lane"], postcode: "LS1 4AP"), default), Is.EqualTo(3), "a neighbour");
            Assert.That(Comparator.Compare(a, People.Person(address: ["4 Mill Lane"], postcode: "LS1 4AQ"), default), Is.Zero);
            Assert.That(Comparator.HasValue(a), Is.True);
            Assert.That(Comparator.SameValue(a, People.Person(address: ["4 Mill Lane"])), Is.True);
        });
    }
}

[TestFixture]
public sealed class IdentifierComparatorTests
{
    [Test]
    public void Nhs_numbers_compare_only_when_both_are_valid()
    {
        var comparator = IdentifierComparator.NhsNumber();
        var a = People.Person(nhs: "9434765919");
        Assert.Multiple(() =>
        {
            Assert.That(comparator.Compare(a, People.Person(nhs: "943 476 5919"), default), Is.Zero);
            Assert.That(comparator.Compare(a, People.Person(nhs: "4010232137"), default), Is.EqualTo(1));
            Assert.That(comparator.Compare(a, People.Person(nhs: "9434765918"), default), Is.EqualTo(Matching.Comparison.Comparator.Null));
        });
    }

    [Test]
    public void Upns_compare_only_when_both_are_valid()
    {
        var comparator = IdentifierComparator.Upn();
        Assert.Multiple(() =>
        {
            Assert.That(comparator.Compare(People.Person(upn: "B801200005001"), People.Person(upn: "b801200005001"), default), Is.Zero);
            Assert.That(comparator.Compare(People.Person(upn: "B801200005001"), People.Person(upn: null), default), Is.EqualTo(Matching.Comparison.Comparator.Null));
        });
    }
}

[TestFixture]
public sealed class OtherIdentifierComparatorTests
{
    private static readonly OtherIdentifierComparator Comparator = new();

    private static int Level(string? a, string? b) => Comparator.Compare(People.Person(email: a), People.Person(email: b), default);

    [TestCase("grace.kelly52@jones.com", "Grace.Kelly52@jones.com", 0, "same")]
    [TestCase("robert255@smith.net", "roberta25@smith.net", 1, "two edits")]
    [TestCase("lrobinsl.n@woof.org", "lrobinson@wolfo.org", 2, "similar")]
    [TestCase("grace.kelly52@jones.com", "t.m39@brooks-sawyer.com", 3, "different")]
    public void Levels_run_from_same_to_different(string a, string b, int expected, string because)
    {
        Assert.That(Level(a, b), Is.EqualTo(expected), because);
    }

    [Test]
    public void Only_identifiers_of_the_same_scheme_are_compared()
    {
        var email = People.Person(email: "a@b.com");
        var other = PersonNormaliser.Default.Normalise(new PersonRecord { RecordId = "x", OtherIdentifiers = [new OtherIdentifier("phone", "a@b.com")] });
        Assert.Multiple(() =>
        {
            Assert.That(Comparator.Compare(email, other, default), Is.EqualTo(Matching.Comparison.Comparator.Null));
            Assert.That(Level(null, "a@b.com"), Is.EqualTo(Matching.Comparison.Comparator.Null));
        });
    }
}
