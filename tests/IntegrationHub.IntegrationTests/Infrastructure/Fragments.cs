using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>Builds fragment JSON the way a vendor would: plain camelCase JSON, changed field by field for each case.</summary>
public static class Fragments
{
    private static long _sequence;

    public static long NextSequence() => Interlocked.Increment(ref _sequence);

    public static JsonObject Start(string sourceId, string childId = "C-1", long? sequence = null, string? messageId = null, string provision = "Children's Social Care", string startDate = "2025-03-10") =>
        JsonSerializer.SerializeToNode(new StartInvolvement
        {
            MessageId = messageId ?? Guid.NewGuid().ToString(),
            SourceId = sourceId,
            SourceChildId = childId,
            Sequence = sequence ?? NextSequence(),
            ProducedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            Child = Child(),
            Involvement = new Involvement
            {
                ServiceProvisionName = provision,
                StartDate = DateOnly.Parse(startDate, System.Globalization.CultureInfo.InvariantCulture),
                Sector = Sector.SocialCare,
                ServiceType = ServiceType.SpecialistTargeted,
                Practitioner = new Practitioner { Name = "Ms A Okafor", Role = "Social worker", Phone = "0113 496 0000" },
            },
        }, HubJson.Options)!.AsObject();

    public static Child Child() => new()
    {
        GivenName = "Kelly",
        FamilyName = "Morgan",
        DateOfBirth = new DateOnly(2012, 4, 17),
        Gender = Gender.Female,
        Address = new Address { Lines = ["12 Station Road", "Leeds"], Postcode = "LS1 4DY" },
        NhsNumber = "4857773457",
        Upn = "G209301512001",
        School = new School { Name = "Park View Academy", Urn = "107123" },
    };

    /// <summary>Turns a start into an update or end of the same provision.</summary>
    public static JsonObject As(this JsonObject fragment, string messageType, long? sequence = null, string? endDate = null)
    {
        var copy = fragment.DeepClone().AsObject();
        copy["messageType"] = messageType;
        copy["messageId"] = Guid.NewGuid().ToString();
        copy["sequence"] = sequence ?? NextSequence();
        if (endDate is not null)
        {
            copy["involvement"]!["endDate"] = endDate;
        }

        return copy;
    }

    /// <summary>Sets (or with null removes) a property by a dotted path such as "child.address.postcode".</summary>
    public static JsonObject With(this JsonObject fragment, string path, JsonNode? value)
    {
        var copy = fragment.DeepClone().AsObject();
        var parts = path.Split('.');
        var parent = copy;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        if (value is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = value;
        }

        return copy;
    }
}
