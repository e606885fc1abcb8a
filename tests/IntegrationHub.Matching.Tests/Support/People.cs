using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Tests.Support;

/// <summary>Builds records for tests without repeating every field.</summary>
internal static class People
{
    private static int nextId;

    public static PersonRecord Record(
        string? given = null,
        string? family = null,
        string? dob = null,
        Sex sex = Sex.Unknown,
        string? postcode = null,
        string[]? address = null,
        string? nhs = null,
        string? upn = null,
        string? hubChildId = null,
        string? email = null,
        string? preferred = null,
        string? id = null) => new()
        {
            RecordId = id ?? $"r{Interlocked.Increment(ref nextId)}",
            GivenNames = given,
            FamilyName = family,
            PreferredName = preferred,
            DateOfBirth = dob is null ? null : DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture),
            Sex = sex,
            Postcode = postcode,
            AddressLines = address,
            NhsNumber = nhs,
            Upn = upn,
            HubChildId = hubChildId,
            OtherIdentifiers = email is null ? null : [new OtherIdentifier("email", email)],
        };

    public static NormalisedPerson Person(
        string? given = null,
        string? family = null,
        string? dob = null,
        Sex sex = Sex.Unknown,
        string? postcode = null,
        string[]? address = null,
        string? nhs = null,
        string? upn = null,
        string? hubChildId = null,
        string? email = null,
        string? preferred = null,
        string? id = null) =>
        PersonNormaliser.Default.Normalise(Record(given, family, dob, sex, postcode, address, nhs, upn, hubChildId, email, preferred, id));
}
