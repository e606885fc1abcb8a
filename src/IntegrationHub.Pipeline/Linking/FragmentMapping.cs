using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Matching;
using IntegrationHub.Persistence;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>A stored fragment in the shapes the matching engine and the best view read.</summary>
internal static class FragmentMapping
{
    public static Child? ChildOf(ChildFragment fragment) =>
        string.IsNullOrEmpty(fragment.ChildJson) ? null : JsonSerializer.Deserialize<Child>(fragment.ChildJson, HubJson.Options);

    public static PersonRecord Person(ChildFragment fragment, Child child, Guid? childId) => new()
    {
        RecordId = fragment.Id.ToString("N") + ":" + fragment.DemographicsSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        SourceId = fragment.SourceId,
        GivenNames = string.IsNullOrWhiteSpace(child.MiddleNames) ? child.GivenName : child.GivenName + " " + child.MiddleNames,
        PreferredName = child.PreferredName,
        FamilyName = child.FamilyName,
        DateOfBirth = child.DateOfBirth,
        Sex = child.Gender switch { Gender.Female => Sex.Female, Gender.Male => Sex.Male, _ => Sex.Unknown },
        AddressLines = child.Address?.Lines,
        Postcode = child.Address?.Postcode,
        NhsNumber = child.NhsNumber,
        Upn = child.Upn,
        HubChildId = childId?.ToString(),
    };

    public static ChildDetails Details(Child child) => new()
    {
        GivenName = child.GivenName,
        MiddleNames = child.MiddleNames,
        FamilyName = child.FamilyName,
        PreferredName = child.PreferredName,
        DateOfBirth = child.DateOfBirth,
        Gender = HubJson.WireName(child.Gender),
        Address = child.Address is { } a ? new PostalAddress(a.Lines, a.Postcode) : null,
        NhsNumber = child.NhsNumber,
        Upn = child.Upn,
        School = child.School is { } s ? new NamedPlace(s.Name, s.Urn) : null,
        Gp = child.Gp is { } g ? new NamedPlace(g.PracticeName, g.PracticeCode) : null,
    };
}
