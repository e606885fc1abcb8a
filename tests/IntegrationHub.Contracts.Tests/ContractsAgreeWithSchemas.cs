using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Contracts;
using NJsonSchema;

namespace IntegrationHub.Contracts.Tests;

/// <summary>
/// schemas/ is the source of truth; the C# records must say the same thing: the same camelCase property
/// names, the same required set, the same enum values, object for object, all the way down.
/// </summary>
public class ContractsAgreeWithSchemas
{
    internal static readonly string SchemaFolder = Path.Combine(RepoRoot(), "schemas");

    private static IEnumerable<TestCaseData> Messages()
    {
        yield return new TestCaseData("start-involvement.schema.json", typeof(StartInvolvement)).SetName("StartInvolvement agrees with start-involvement.schema.json");
        yield return new TestCaseData("update-involvement.schema.json", typeof(UpdateInvolvement)).SetName("UpdateInvolvement agrees with update-involvement.schema.json");
        yield return new TestCaseData("end-involvement.schema.json", typeof(EndInvolvement)).SetName("EndInvolvement agrees with end-involvement.schema.json");
        yield return new TestCaseData("demographics.schema.json", typeof(Demographics)).SetName("Demographics agrees with demographics.schema.json");
        yield return new TestCaseData("receipt.schema.json", typeof(Receipt)).SetName("Receipt agrees with receipt.schema.json");
        yield return new TestCaseData("mismatch-notification.schema.json", typeof(MismatchNotification)).SetName("MismatchNotification agrees with mismatch-notification.schema.json");
        yield return new TestCaseData("review-outcome.schema.json", typeof(ReviewOutcome)).SetName("ReviewOutcome agrees with review-outcome.schema.json");
        yield return new TestCaseData("stop-notice.schema.json", typeof(StopNotice)).SetName("StopNotice agrees with stop-notice.schema.json");
        yield return new TestCaseData("resume-notice.schema.json", typeof(ResumeNotice)).SetName("ResumeNotice agrees with resume-notice.schema.json");
        yield return new TestCaseData("retention-confirmation-due.schema.json", typeof(RetentionConfirmationDue)).SetName("RetentionConfirmationDue agrees with retention-confirmation-due.schema.json");
    }

    [TestCaseSource(nameof(Messages))]
    public async Task Property_names_required_members_and_enums_match(string file, Type contract)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaFolder, file));
        var differences = new List<string>();
        Compare(schema, contract, "$", differences);
        Assert.That(differences, Is.Empty);
    }

    [TestCaseSource(nameof(Messages))]
    public async Task A_record_serialized_by_the_contracts_is_valid_against_its_schema(string file, Type contract)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemaFolder, file));
        var json = JsonSerializer.Serialize(Sample(contract), contract, HubJson.Options);
        Assert.That(schema.Validate(json).Select(e => e.ToString()), Is.Empty, json);
    }

    [Test]
    public void Every_schema_file_is_covered_by_a_contract()
    {
        var covered = Messages().Select(m => (string)m.Arguments[0]!).Append("common.schema.json");
        Assert.That(Directory.GetFiles(SchemaFolder, "*.schema.json").Select(Path.GetFileName), Is.EquivalentTo(covered));
    }

    /// <param name="enumName">How an enum member is spelt on the wire; by default its JsonStringEnumMemberName.</param>
    internal static void Compare(JsonSchema schema, Type type, string path, List<string> differences, Func<FieldInfo, string>? enumName = null)
    {
        enumName ??= f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name;
        schema = schema.ActualSchema;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var csharp = properties.ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        var json = schema.ActualProperties;

        foreach (var name in csharp.Keys.Except(json.Keys))
        {
            differences.Add($"{path}.{name}: in {type.Name} but not in the schema");
        }

        foreach (var name in json.Keys.Except(csharp.Keys))
        {
            differences.Add($"{path}.{name}: in the schema but not in {type.Name}");
        }

        if (schema.AllowAdditionalProperties)
        {
            differences.Add($"{path}: the schema must set additionalProperties: false");
        }

        var requiredInCode = properties.Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is not null || p.Name == "MessageType")
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet();
        var requiredInSchema = schema.RequiredProperties.ToHashSet();
        foreach (var name in requiredInCode.Except(requiredInSchema))
        {
            differences.Add($"{path}.{name}: required in {type.Name} but optional in the schema");
        }

        foreach (var name in requiredInSchema.Except(requiredInCode))
        {
            differences.Add($"{path}.{name}: required in the schema but optional in {type.Name}");
        }

        foreach (var (name, property) in csharp)
        {
            if (!json.TryGetValue(name, out var propertySchema))
            {
                continue;
            }

            var target = Unwrap(property.PropertyType);
            var actual = propertySchema.ActualSchema;
            if (actual.Type.HasFlag(JsonObjectType.Array) && actual.Item is { } item)
            {
                actual = item.ActualSchema;
            }

            if (target.IsEnum)
            {
                var values = target.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Select(enumName);
                var schemaValues = actual.Enumeration.Select(v => v?.ToString());
                if (!values.Order().SequenceEqual(schemaValues.Order()))
                {
                    differences.Add($"{path}.{name}: enum values differ: code [{string.Join(", ", values)}], schema [{string.Join(", ", schemaValues)}]");
                }
            }
            else if (target.IsClass && target != typeof(string))
            {
                Compare(actual, target, $"{path}.{name}", differences, enumName);
            }
        }
    }

    private static Type Unwrap(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return type.GetGenericArguments()[0];
        }

        return type;
    }

    private static object Sample(Type contract)
    {
        var child = new Child
        {
            GivenName = "Kelly",
            FamilyName = "Morgan",
            DateOfBirth = new DateOnly(2012, 4, 17),
            Gender = Gender.Female,
            Address = new Address { Lines = ["12 Station Road"], Postcode = "LS1 4DY" },
            NhsNumber = "4857773457",
            Upn = "G209301512001",
            ParentsCarers = [new ParentCarer { GivenName = "Jo", FamilyName = "Morgan", Relationship = Relationship.Mother }],
            School = new School { Name = "Park View Academy", Urn = "107123" },
            Gp = new Gp { PracticeName = "Station Road Surgery", PracticeCode = "B86001" },
            RetentionConsents = [new RetentionConsent { Basis = RetentionBasis.CareLeaver, Status = RetentionConsentStatus.Given, RecordedOn = new DateOnly(2026, 2, 1) }],
            DateOfDeath = new DateOnly(2026, 3, 1),
            Shielding = ShieldingInstruction.Requested,
        };
        var involvement = new Involvement
        {
            ServiceProvisionName = "Children's Social Care",
            StartDate = new DateOnly(2025, 3, 10),
            EndDate = new DateOnly(2026, 1, 31),
            Sector = Sector.SocialCare,
            ServiceType = ServiceType.SpecialistTargeted,
            Sensitive = false,
            Practitioner = new Practitioner { Name = "Ms A Okafor", Team = "Area Team East" },
            PractitionerReference = "SW-0042",
            SensitiveConsentWithdrawn = false,
            RetentionConfirmation = new RetentionConfirmation { LapsesOn = new DateOnly(2027, 1, 31) },
            Evidence = new Evidence
            {
                SocialCare = new SocialCareEvidence { InitialAssessmentStarted = true, PractitionerAssigned = SocialCarePractitionerRole.AllocatedSocialWorker },
                Connexions = new ConnexionsEvidence { LevelOfNeed = LevelOfNeed.Level2 },
                YouthService = new YouthServiceEvidence { AttendancesInLast12Months = 3, LastAttendanceDate = new DateOnly(2026, 1, 5) },
                Police = new PoliceEvidence { SeriousIncidentRole = SeriousIncidentRole.Witness, ContinuesInvolvementStartedOn = new DateOnly(2025, 1, 1) },
                Education = new EducationEvidence { SenStage = SenStage.ActionPlus },
                YouthOffending = new YouthOffendingEvidence { AssessmentCompleted = YouthOffendingAssessment.Asset, InterventionTrigger = YouthOffendingInterventionTrigger.CourtOrder },
            },
        };
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        return contract.Name switch
        {
            nameof(StartInvolvement) => new StartInvolvement { MessageId = "m-1", SourceId = "cms-leeds", SourceChildId = "C-1", Sequence = 1, ProducedAt = at, Child = child, Involvement = involvement },
            nameof(UpdateInvolvement) => new UpdateInvolvement { MessageId = "m-1", SourceId = "cms-leeds", SourceChildId = "C-1", Sequence = 1, ProducedAt = at, Child = child, Involvement = involvement },
            nameof(EndInvolvement) => new EndInvolvement { MessageId = "m-1", SourceId = "cms-leeds", SourceChildId = "C-1", Sequence = 1, ProducedAt = at, Child = child, Involvement = involvement },
            nameof(Demographics) => new Demographics { MessageId = "m-1", SourceId = "cms-leeds", SourceChildId = "C-1", Sequence = 1, ProducedAt = at, Child = child },
            nameof(Receipt) => new Receipt
            {
                ReceiptId = Guid.NewGuid(),
                InReplyTo = null,
                SourceId = "cms-leeds",
                Status = ReceiptStatus.Rejected,
                Reasons =
                [
                    new Reason { Path = "$.child.nhsNumber", Code = "child.nhsNumber.checkDigit", Message = "The NHS number's check digit is wrong." },
                    new Reason { Path = "$.involvement.serviceProvisionName", Code = "rules.name.convention", Message = "Use \"Children's Social Care\".", Rule = "socialCare.name.children", Guidance = "000 4.3.3" },
                ],
                Duplicate = false,
                IssuedAt = at,
            },
            nameof(MismatchNotification) => new MismatchNotification
            {
                NotificationId = Guid.NewGuid(),
                SourceId = "cms-leeds",
                SourceChildId = "C-1",
                Sequence = 3,
                Items = ["address", "dateOfBirth"],
                IssuedAt = at,
            },
            nameof(ReviewOutcome) => new ReviewOutcome
            {
                NotificationId = Guid.NewGuid(),
                SourceId = "cms-leeds",
                SourceChildId = "C-1",
                Resolution = ReviewResolutionKind.Unusable,
                Message = "The date of birth cannot be right for this child; please check it with the family.",
                IssuedAt = at,
            },
            nameof(StopNotice) => new StopNotice { NotificationId = Guid.NewGuid(), SourceId = "cms-leeds", SourceChildId = "C-1", IssuedAt = at },
            nameof(ResumeNotice) => new ResumeNotice { NotificationId = Guid.NewGuid(), SourceId = "cms-leeds", SourceChildId = "C-1", IssuedAt = at },
            nameof(RetentionConfirmationDue) => new RetentionConfirmationDue
            {
                NotificationId = Guid.NewGuid(),
                SourceId = "cms-leeds",
                SourceChildId = "C-1",
                ServiceProvisionName = "Children's Social Care",
                StartDate = new DateOnly(2025, 3, 10),
                LapsesOn = new DateOnly(2027, 11, 1),
                RetainUntil = new DateOnly(2029, 1, 31),
                IssuedAt = at,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(contract)),
        };
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IntegrationHub.sln not found above " + AppContext.BaseDirectory);
    }
}
