using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Tests.Normalisation;

[TestFixture]
public sealed class ParsedPostcodeTests
{
    [TestCase("SW1A 1AA", "SW", "SW1A", "SW1A 1", "SW1A 1AA")]
    [TestCase("sw1a1aa", "SW", "SW1A", "SW1A 1", "SW1A 1AA")]
    [TestCase(" m1 1ae ", "M", "M1", "M1 1", "M1 1AE")]
    [TestCase("B33 8TH", "B", "B33", "B33 8", "B33 8TH")]
    [TestCase("CR2 6XH", "CR", "CR2", "CR2 6", "CR2 6XH")]
    [TestCase("DN55 1PT", "DN", "DN55", "DN55 1", "DN55 1PT")]
    [TestCase("W1A 0AX", "W", "W1A", "W1A 0", "W1A 0AX")]
    [TestCase("GIR 0AA", "GIR", "GIR", "GIR 0", "GIR 0AA")]
    public void Full_uk_postcodes_split_into_area_district_sector_and_unit(string raw, string area, string district, string sector, string full)
    {
        var postcode = ParsedPostcode.Parse(raw);
        Assert.That(postcode, Is.EqualTo(new ParsedPostcode(PostcodeKind.UkFull, area, district, sector, full)));
    }

    [Test]
    public void An_outward_code_alone_gives_area_and_district()
    {
        Assert.That(ParsedPostcode.Parse("sw1a"), Is.EqualTo(new ParsedPostcode(PostcodeKind.UkOutward, "SW", "SW1A", null, null)));
    }

    [TestCase("75008", "75008")]
    [TestCase("D02 X285", "D02X285")]
    [TestCase("1234 AB", "1234AB")]
    [TestCase("K1A 0B1", "K1A0B1")]
    [TestCase("10115", "10115")]
    [TestCase("SW1A 1A", "SW1A1A")]
    [TestCase("München 80331", "MÜNCHEN80331")]
    public void Anything_else_is_kept_as_a_plain_code(string raw, string plain)
    {
        Assert.That(ParsedPostcode.Parse(raw), Is.EqualTo(new ParsedPostcode(PostcodeKind.Other, null, null, null, plain)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" - ")]
    public void Missing_postcodes_are_none(string? raw)
    {
        Assert.That(ParsedPostcode.Parse(raw).Kind, Is.EqualTo(PostcodeKind.None));
    }
}
