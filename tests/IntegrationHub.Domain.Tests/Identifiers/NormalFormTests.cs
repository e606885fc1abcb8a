using IntegrationHub.Domain.Identifiers;

namespace IntegrationHub.Domain.Tests.Identifiers;

[TestFixture]
public sealed class NhsNumber_normal_form
{
    [TestCase("9434765919", "9434765919")]
    [TestCase("943 476 5919", "9434765919")]
    [TestCase("943-476-5919", "9434765919")]
    [TestCase("4010232137", "4010232137")]
    public void Valid_numbers_pass_modulus_11(string raw, string expected)
    {
        Assert.That(NhsNumber.Normalise(raw), Is.EqualTo(expected));
    }

    [TestCase("9434765918")] // wrong check digit
    [TestCase("943476591")] // nine digits
    [TestCase("94347659190")] // eleven digits
    [TestCase("94347A5919")] // a letter
    [TestCase("0000000000")] // placeholder that passes modulus 11
    [TestCase("9999999999")] // placeholder that passes modulus 11
    [TestCase("1000000010")] // remainder gives check 10: never issued
    [TestCase(null)]
    [TestCase("")]
    public void Anything_else_is_rejected(string? raw)
    {
        Assert.That(NhsNumber.IsValid(raw), Is.False);
    }
}

[TestFixture]
public sealed class UniquePupilNumber_normal_form
{
    [TestCase("B801200005001")]
    [TestCase("b801200005001")]
    [TestCase("B80120000 5001")]
    public void Valid_upns_pass_the_check_letter(string raw)
    {
        Assert.That(UniquePupilNumber.Normalise(raw), Is.EqualTo("B801200005001"));
    }

    [Test]
    public void A_temporary_upn_ending_in_a_letter_is_checked_with_the_letter_value()
    {
        var body = "80120000500A";
        var upn = UniquePupilNumber.CheckLetter(body) + body;
        Assert.Multiple(() =>
        {
            Assert.That(UniquePupilNumber.IsValid(upn), Is.True);
            Assert.That(UniquePupilNumber.IsValid("Z" + body), Is.EqualTo(upn[0] == 'Z'));
        });
    }

    [TestCase("A801200005001")] // wrong check letter
    [TestCase("B80120000500")] // twelve characters
    [TestCase("B80120A005001")] // letter in the middle
    [TestCase("I801200005001")] // I is not a check letter
    [TestCase("B80120000500I")] // I, O and S are never used
    [TestCase(null)]
    public void Anything_else_is_rejected(string? raw)
    {
        Assert.That(UniquePupilNumber.IsValid(raw), Is.False);
    }
}
