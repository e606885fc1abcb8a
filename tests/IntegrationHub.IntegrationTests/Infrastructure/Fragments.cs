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
                Evidence = new Evidence { SocialCare = new SocialCareEvidence { InitialAssessmentStarted = true } },
            },
        }, HubJson.Options)!.AsObject();

    /// <summary>
    /// The same message about a youth service provision (000 4.2): sector youthService, with the youth service's start
    /// evidence (the key worker flagged a specialist service) in place of another sector's, keeping an update's flags.
    /// </summary>
    public static JsonObject AsYouthService(this JsonObject fragment)
    {
        var evidence = fragment["involvement"]?["evidence"]?.DeepClone().AsObject() ?? [];
        foreach (var group in new[] { "connexions", "socialCare", "voluntary", "youthOffending", "police", "earlyYears", "education" })
        {
            evidence.Remove(group);
        }

        evidence["youthService"] = new JsonObject { ["keyWorkerFlaggedSpecialistService"] = true };
        return fragment.With("involvement.sector", "youthService").With("involvement.evidence", evidence);
    }

    /// <summary>A youth service start (000 4.2): the key worker flagged a specialist service.</summary>
    public static JsonObject YouthServiceStart(string sourceId, string childId, long? sequence = null, string? messageId = null) =>
        Start(sourceId, childId, sequence, messageId, "Youth service", "2025-06-01").AsYouthService();

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

    /// <summary>
    /// Each child's history as one source would send it, in sequence order: two provisions start, the first
    /// is updated (practitioner and address change) and ended, the second updated (surname change).
    /// Message ids are derived from the sequence, so a re-run of the same story repeats the same ids.
    /// </summary>
    public static List<JsonObject> Story(string sourceId, int children)
    {
        var messages = new List<JsonObject>();
        var postcodes = new[] { "LS1 4DY", "LS6 2QT", "M1 1AE", "B33 8TH" };
        var sequence = 0L;
        for (var child = 0; child < children; child++)
        {
            var childId = $"C-{child}";
            var first = Start(sourceId, childId, ++sequence, $"m-{sequence}", "Children's Social Care", "2025-01-0" + (1 + (child % 9)));
            var second = YouthServiceStart(sourceId, childId, ++sequence, $"m-{sequence}");
            messages.Add(first);
            messages.Add(second);
            messages.Add(first.As(UpdateInvolvement.Type, ++sequence).With("messageId", $"m-{sequence}").With("child.address.postcode", postcodes[child % 4]).With("involvement.practitioner.name", "Mr D Hughes"));
            messages.Add(first.As(EndInvolvement.Type, ++sequence, endDate: "2026-01-31").With("messageId", $"m-{sequence}").With("child.address.postcode", postcodes[(child + 1) % 4]));
            messages.Add(second.As(UpdateInvolvement.Type, ++sequence).With("messageId", $"m-{sequence}").With("child.familyName", "Morgan-Reid"));
        }

        return messages;
    }

    /// <summary>The same messages in random order, with some delivered twice.</summary>
    public static List<JsonObject> Shuffled(List<JsonObject> messages, int duplicates, Random random)
    {
        var all = new List<JsonObject>(messages);
        all.AddRange(messages.OrderBy(_ => random.Next()).Take(duplicates).Select(m => m.DeepClone().AsObject()));
        return [.. all.OrderBy(_ => random.Next())];
    }

    /// <summary>
    /// Turns a start into an update or end of the same provision, with the evidence of a trigger: an update
    /// because the practitioner's and child's details changed (000 3.3), an end by the sector's own end trigger.
    /// </summary>
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

        copy["involvement"]!["evidence"] = messageType == EndInvolvement.Type
            ? EndEvidence((string)copy["involvement"]!["sector"]!)
            : new JsonObject { ["practitionerDetailsChanged"] = true, ["childDetailsChanged"] = true };
        return copy;
    }

    private static JsonObject EndEvidence(string sector) => sector switch
    {
        "socialCare" => new JsonObject { ["socialCare"] = new JsonObject { ["caseClosed"] = true } },
        "voluntaryNationalPartner" or "voluntaryVcso" => new JsonObject { ["voluntary"] = new JsonObject { ["involvementClosed"] = true } },
        "educationUniversal" => new JsonObject { ["education"] = new JsonObject { ["leftPlaceOfEducation"] = true } },
        "educationAdditional" => new JsonObject { ["education"] = new JsonObject { ["needReduced"] = true } },
        "earlyYears" => new JsonObject { ["earlyYears"] = new JsonObject { ["noLongerAttends"] = true } },
        "connexions" => new JsonObject { ["connexions"] = new JsonObject { ["levelOfNeed"] = "level3" } },
        "youthOffending" => new JsonObject { ["youthOffending"] = new JsonObject { ["interventionConcluded"] = true } },
        "police" => new JsonObject { ["police"] = new JsonObject { ["investigationOutcome"] = "decisionNotToProsecute" } },
        _ => throw new ArgumentOutOfRangeException(nameof(sector), sector, "No end trigger sample for this sector."),
    };

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
