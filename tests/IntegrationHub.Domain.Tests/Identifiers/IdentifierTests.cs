using IntegrationHub.Domain.Identifiers;

namespace IntegrationHub.Domain.Tests.Identifiers;

public class NhsNumber_check_digit
{
    // 943 476 5919 is the NHS's published example of a valid number; the others are computed by hand.
    [TestCase("9434765919")]
    [TestCase("943 476 5919")]
    [TestCase("943-476-5919")]
    [TestCase("4010232137")]
    public void A_number_with_a_correct_modulus_11_check_digit_is_valid(string value) =>
        Assert.That(NhsNumber.IsValid(value), Is.True);

    [TestCase("9434765918", TestName = "Wrong check digit")]
    [TestCase("943476591", TestName = "Nine digits")]
    [TestCase("94347659190", TestName = "Eleven digits")]
    [TestCase("94347A5919", TestName = "A letter")]
    [TestCase("1000000010", TestName = "Nine digits whose remainder gives check 10 have no valid number")]
    [TestCase("", TestName = "Empty")]
    public void Anything_else_is_invalid(string value) =>
        Assert.That(NhsNumber.IsValid(value), Is.False);
}

public class UniquePupilNumber_check_letter
{
    [TestCase("B123456789012", ExpectedResult = false, TestName = "A check letter that does not match the digits")]
    [TestCase("H801200001001", ExpectedResult = true, TestName = "A permanent UPN with its correct check letter")]
    [TestCase("h801200001001", ExpectedResult = true, TestName = "Lower case is accepted")]
    [TestCase("H80120000100", ExpectedResult = false, TestName = "Twelve characters")]
    [TestCase("I801200001001", ExpectedResult = false, TestName = "I is never a check letter")]
    [TestCase("H8012000010A1", ExpectedResult = false, TestName = "A letter before the last position")]
    public bool Check_letter(string value) => UniquePupilNumber.IsValid(value);

    [Test]
    public void A_temporary_upn_ending_in_a_letter_is_checked_with_the_letter_value()
    {
        // Build the check letter independently: weights 2..13 over characters 2..13, letter value = index in the alphabet.
        const string letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
        const string body = "80120000100B";
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var value = char.IsAsciiDigit(body[i]) ? body[i] - '0' : letters.IndexOf(body[i], StringComparison.Ordinal);
            sum += value * (i + 2);
        }

        var upn = letters[sum % 23] + body;
        Assert.Multiple(() =>
        {
            Assert.That(UniquePupilNumber.IsValid(upn), Is.True);
            Assert.That(UniquePupilNumber.IsValid((upn[0] == 'A' ? 'B' : 'A') + body), Is.False);
        });
    }
}

public class UkPostcode_format
{
    [TestCase("SW1A 1AA", "SW1A 1AA")]
    [TestCase("sw1a1aa", "SW1A 1AA")]
    [TestCase(" M1  1AE ", "M1 1AE")]
    [TestCase("B33 8TH", "B33 8TH")]
    [TestCase("CR2 6XH", "CR2 6XH")]
    [TestCase("DN55 1PT", "DN55 1PT")]
    [TestCase("W1A 0AX", "W1A 0AX")]
    [TestCase("EC1A 1BB", "EC1A 1BB")]
    public void A_uk_postcode_is_normalised_to_upper_case_with_one_space(string value, string expected) =>
        Assert.That(UkPostcode.Normalise(value), Is.EqualTo(expected));

    [TestCase("12345", TestName = "A US ZIP code")]
    [TestCase("SW1A 1A", TestName = "Inward code too short")]
    [TestCase("QW1 1AA", TestName = "Q cannot start a postcode")]
    [TestCase("SW1A 1AC", TestName = "C is not used in the inward code")]
    [TestCase("75008", TestName = "A French code postal")]
    [TestCase("", TestName = "Empty")]
    public void Anything_else_is_not_a_uk_postcode(string value) =>
        Assert.That(UkPostcode.IsValid(value), Is.False);
}
