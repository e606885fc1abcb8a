using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Normalisation;

[TestFixture]
public sealed class PersonNormaliserTests
{
    [Test]
    public void Names_are_split_joined_and_encoded_once()
    {
        var person = People.Person(given: "Mary-Jane Ann", family: "Smith-Jones");
        Assert.Multiple(() =>
        {
            Assert.That(person.Given!.Tokens, Is.EqualTo(new[] { "mary", "jane", "ann" }));
            Assert.That(person.Given.First, Is.EqualTo("mary"));
            Assert.That(person.Family!.Tokens, Is.EqualTo(new[] { "smith", "jones" }));
            Assert.That(person.Family.Joined, Is.EqualTo("smithjones"));
            Assert.That(person.Family.JoinedCode.IsEmpty, Is.False);
            Assert.That(person.Family.TokenCodes, Has.Length.EqualTo(2));
            Assert.That(person.Given.VariantGroups, Is.Not.Empty);
        });
    }

    [Test]
    public void Date_of_birth_is_held_as_numbers()
    {
        var person = People.Person(dob: "2015-03-09");
        Assert.Multiple(() =>
        {
            Assert.That(person.BirthDate, Is.EqualTo(20150309));
            Assert.That(person.BirthYear, Is.EqualTo(2015));
            Assert.That(person.BirthDayNumber, Is.EqualTo(new DateOnly(2015, 3, 9).DayNumber));
            Assert.That(People.Person().BirthDate, Is.Zero);
        });
    }

    [Test]
    public void A_postcode_in_the_last_address_line_is_recognised()
    {
        var person = People.Person(address: ["12 High Street", "Leeds", "ls1 4ap"]);
        Assert.Multiple(() =>
        {
            Assert.That(person.Postcode.Full, Is.EqualTo("LS1 4AP"));
            Assert.That(person.AddressTokens, Is.EqualTo(new[] { "12", "high", "street", "leeds" }));
            Assert.That(person.AddressKey, Is.EqualTo("12 high street leeds"));
        });
    }

    [Test]
    public void Only_valid_strong_identifiers_are_kept()
    {
        var valid = People.Person(nhs: "943 476 5919", upn: "b801200005001", hubChildId: " C-1 ");
        var invalid = People.Person(nhs: "943 476 5918", upn: "A801200005001");
        Assert.Multiple(() =>
        {
            Assert.That(valid.NhsNumber, Is.EqualTo("9434765919"));
            Assert.That(valid.Upn, Is.EqualTo("B801200005001"));
            Assert.That(valid.HubChildId, Is.EqualTo("C-1"));
            Assert.That(invalid.NhsNumber, Is.Null);
            Assert.That(invalid.Upn, Is.Null);
        });
    }

    [Test]
    public void Other_identifiers_are_folded_and_empty_ones_dropped()
    {
        var person = PersonNormaliser.Default.Normalise(new PersonRecord
        {
            RecordId = "x",
            OtherIdentifiers = [new OtherIdentifier("Email", " A.B@Example.org "), new OtherIdentifier("email", " ")],
        });
        Assert.That(person.OtherIdentifiers, Is.EqualTo(new[] { new OtherIdentifier("email", "a.b@example.org") }));
    }
}
