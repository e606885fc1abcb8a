using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Pipeline.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Rules;

/// <summary>
/// The sector trigger rules, service-provision identity and consent checks (Involvement Guidance 4.0, statutory
/// guidance 3.3-3.8, 3.34), end to end: a source publishes over the broker and reads the receipt's reason.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_fragments_meet_the_sector_rules
{
    private HubUnderTest _hub = null!;
    private SourceClient _source = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync();
        _source = await _hub.AddSourceAsync("cms-rules");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _source.DisposeAsync();
        await _hub.DisposeAsync();
    }

    /// <summary>One start per sector that meets a trigger and every convention.</summary>
    public sealed record SectorCase(string Sector, string Name, string ServiceType, string Evidence, string? Organisation = null, string DateOfBirth = "2012-04-17")
    {
        public override string ToString() => Sector;
    }

    private static readonly SectorCase[] Valid =
    [
        new("connexions", "Connexions Leeds Enhanced Service", "specialistTargeted", """{"connexions":{"levelOfNeed":"level2"}}"""),
        new("youthService", "Youth service", "specialistTargeted", """{"youthService":{"inParticipationCategory":true,"attendancesInLast12Months":2}}"""),
        new("socialCare", "Children's Social Care", "specialistTargeted", """{"socialCare":{"initialAssessmentStarted":true}}"""),
        new("voluntaryNationalPartner", "The Children's Society Contact Centre", "specialistTargeted", """{"voluntary":{"involvementRecordedInPartnerSystem":true}}""", "The Children's Society"),
        new("voluntaryVcso", "Brighter Futures Mentoring", "specialistTargeted", """{"voluntary":{"specialistServiceDelivered":true}}""", "Brighter Futures"),
        new("youthOffending", "Community Safety", "specialistTargeted", """{"youthOffending":{"assessmentCompleted":"asset"}}"""),
        new("police", "Community Safety", "specialistTargeted", """{"police":{"seriousIncidentRole":"witness"}}"""),
        new("earlyYears", "Early Years", "universal", """{"earlyYears":{"universalEarlyYearsService":true}}""", DateOfBirth: "2023-01-15"),
        new("educationUniversal", "Educational Services", "universal", """{"education":{"registeredAtPlaceOfEducation":true}}"""),
        new("educationAdditional", "Additional Educational Services", "specialistTargeted", """{"education":{"senStage":"action"}}"""),
    ];

    /// <summary>For each sector, a start that breaks one of its rules, and the code and rule the receipt must name.</summary>
    private static IEnumerable<TestCaseData> Broken()
    {
        TestCaseData Case(string sector, string change, Func<JsonObject, JsonObject> breakIt, string code, string rulePrefix) =>
            new TestCaseData(Valid.Single(v => v.Sector == sector), breakIt, code, rulePrefix).SetName($"A {sector} start is rejected when {change}");

        yield return Case("connexions", "the name is not \"Connexions <local name> Enhanced Service\"", f => f.With("involvement.serviceProvisionName", "Leeds Connexions"), "rules.name.convention", "connexions.");
        yield return Case("youthService", "the young person attended once in twelve months", f => f.With("involvement.evidence", JsonNode.Parse("""{"youthService":{"inParticipationCategory":true,"attendancesInLast12Months":1}}""")), "rules.trigger.notMet", "youthService.start.");
        yield return Case("socialCare", "a 13-year-old's provision is called Adult Social Care", f => f.With("involvement.serviceProvisionName", "Adult Social Care"), "rules.name.convention", "socialCare.");
        yield return Case("voluntaryNationalPartner", "it is labelled a universal service", f => f.With("involvement.serviceType", "universal"), "rules.serviceType.mismatch", "voluntaryNationalPartner.");
        yield return Case("voluntaryVcso", "no specialist service is delivered", f => f.With("involvement.evidence", JsonNode.Parse("""{"voluntary":{"specialistServiceDelivered":false}}""")), "rules.trigger.notMet", "voluntaryVcso.start.");
        yield return Case("youthOffending", "it is flagged sensitive", f => f.With("involvement.sensitive", true).With("involvement.sensitiveConsentBasis", "explicitConsent"), "rules.sensitive.notAllowed", "youthOffending.");
        yield return Case("police", "it is flagged sensitive", f => f.With("involvement.sensitive", true).With("involvement.sensitiveConsentBasis", "explicitConsent"), "rules.sensitive.notAllowed", "police.");
        yield return Case("earlyYears", "no early years service is evidenced", f => f.With("involvement.evidence", new JsonObject()), "rules.trigger.notMet", "earlyYears.start.");
        yield return Case("educationUniversal", "a universal service is flagged sensitive", f => f.With("involvement.sensitive", true).With("involvement.sensitiveConsentBasis", "explicitConsent"), "rules.sensitive.universalService", "educationUniversal.");
        yield return Case("educationAdditional", "the team's name reveals the service (CAMHS)", f => f.With("involvement.practitioner.team", "CAMHS Team"), "rules.caseData.term", "");
    }

    private JsonObject StartOf(SectorCase sector, string childId) =>
        Fragments.Start(_source.SourceId, childId, provision: sector.Name, startDate: "2026-06-01")
            .With("child.dateOfBirth", sector.DateOfBirth)
            .With("involvement.sector", sector.Sector)
            .With("involvement.serviceType", sector.ServiceType)
            .With("involvement.evidence", JsonNode.Parse(sector.Evidence))
            .With("involvement.practitioner", new JsonObject { ["name"] = "Ms A Okafor", ["team"] = "Team 4", ["organisation"] = sector.Organisation ?? "Leeds City Council" });

    private static string NewChild() => "C-" + Guid.NewGuid().ToString("N")[..8];

    [TestCaseSource(nameof(Valid))]
    public async Task A_start_meeting_its_sectors_trigger_and_conventions_is_accepted(SectorCase sector)
    {
        var receipt = await _source.SendAsync(StartOf(sector, NewChild()).ToJsonString());

        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted), string.Join(" | ", receipt.Reasons.Select(r => $"{r.Code} {r.Rule}: {r.Message}")));
    }

    [TestCaseSource(nameof(Broken))]
    public async Task A_start_breaking_a_rule_is_rejected_naming_the_rule_and_the_guidance(SectorCase sector, Func<JsonObject, JsonObject> breakIt, string code, string rulePrefix)
    {
        var childId = NewChild();

        var receipt = await _source.SendAsync(breakIt(StartOf(sector, childId)).ToJsonString());

        var reason = receipt.Reasons.FirstOrDefault(r => r.Code == code);
        Assert.Multiple(async () =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(reason, Is.Not.Null, string.Join(" | ", receipt.Reasons.Select(r => $"{r.Code} {r.Rule}")));
            Assert.That(reason?.Rule, Does.StartWith(rulePrefix));
            Assert.That(reason?.Guidance, Does.Match(@"^00[02] [0-9A-Z]"));
            await using var db = _hub.Database();
            Assert.That(await db.ChildFragments.AnyAsync(f => f.SourceChildId == childId), Is.False, "nothing of a rejected fragment is stored");
        });
    }

    [Test]
    public async Task A_sensitive_service_without_a_consent_basis_is_rejected_and_nothing_of_it_is_stored()
    {
        var childId = NewChild();
        var sensitive = StartOf(Valid.Single(v => v.Sector == "educationAdditional"), childId).With("involvement.sensitive", true);

        var receipt = await _source.SendAsync(sensitive.ToJsonString());

        Assert.Multiple(async () =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(receipt.Reasons.Select(r => r.Code), Does.Contain("consent.sensitive.basisMissing"));
            await using var db = _hub.Database();
            Assert.That(await db.ChildFragments.AnyAsync(f => f.SourceChildId == childId), Is.False);
            Assert.That(await db.Audit.AnyAsync(a => a.SourceId == _source.SourceId && a.Outcome == "rejected" && a.Detail!.Contains("consent.sensitive.basisMissing")), Is.True, "the audit entry is all that remains");
        });
    }

    [Test]
    public async Task Withdrawn_consent_to_a_sensitive_service_archives_the_involvement_at_once()
    {
        var childId = NewChild();
        // A child of its own (the fixture's other children share Kelly's details and are linked to one record).
        var start = StartOf(Valid.Single(v => v.Sector == "educationAdditional"), childId)
            .With("child.givenName", "Wilhelmina").With("child.familyName", "Featherstonehaugh")
            .With("child.nhsNumber", null).With("child.upn", null).With("child.address", null).With("child.school", null)
            .With("involvement.sensitive", true)
            .With("involvement.sensitiveConsentBasis", "explicitConsent");
        Assert.That((await _source.SendAsync(start.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));

        var withdrawn = start.As(UpdateInvolvement.Type).With("involvement.sensitiveConsentWithdrawn", true);
        Assert.That((await _source.SendAsync(withdrawn.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));

        await using var db = _hub.Database();
        var involvement = await db.Involvements.SingleAsync(i => db.ChildFragments.Any(f => f.Id == i.ChildFragmentId && f.SourceChildId == childId));
        var child = await Linking.Linked.ChildOfAsync(_hub, _source.SourceId, childId);
        using var http = await Linking.Linked.HttpAsync(_hub);
        var view = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/children/{child}?reason=consent+withdrawal+test"));
        Assert.Multiple(() =>
        {
            Assert.That(involvement.ArchivedAt, Is.Not.Null);
            Assert.That(view.RootElement.GetProperty("involvements").GetArrayLength(), Is.Zero, "the archived involvement is in no view, not even as 'a sensitive service is involved'");
        });
    }

    [Test]
    public async Task A_fourth_concurrent_social_care_practitioner_is_rejected()
    {
        var childId = NewChild();
        var social = Valid.Single(v => v.Sector == "socialCare");
        for (var i = 1; i <= 3; i++)
        {
            var start = StartOf(social, childId).With("involvement.serviceProvisionName", $"Children's Social Care {i}").With("involvement.practitionerReference", $"SW-{i}");
            Assert.That((await _source.SendAsync(start.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted), $"practitioner {i}");
        }

        var fourth = StartOf(social, childId).With("involvement.serviceProvisionName", "Children's Social Care 4").With("involvement.practitionerReference", "SW-4");
        var receipt = await _source.SendAsync(fourth.ToJsonString());

        Assert.That(receipt.Reasons.Select(r => r.Code), Is.EqualTo(new[] { "identity.socialCare.tooManyPractitioners" }));
    }

    [Test]
    public async Task A_start_repeating_a_provisions_name_and_start_date_is_idempotent()
    {
        var start = StartOf(Valid.Single(v => v.Sector == "socialCare"), NewChild());
        Assert.That((await _source.SendAsync(start.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));

        var again = start.With("messageId", Guid.NewGuid().ToString()).With("sequence", Fragments.NextSequence());
        Assert.That((await _source.SendAsync(again.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));

        await using var db = _hub.Database();
        var childId = (string)start["sourceChildId"]!;
        Assert.That(await db.Involvements.CountAsync(i => db.ChildFragments.Any(f => f.Id == i.ChildFragmentId && f.SourceChildId == childId)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_young_person_past_their_adult_transition_date_is_not_applied_unless_consent_extends_it()
    {
        // 18 on 2025-12-01 (so past it today), 19 on 2026-12-01.
        var eighteen = Fragments.Start(_source.SourceId, NewChild(), provision: "Connexions Leeds Enhanced Service", startDate: "2025-06-01")
            .With("child.dateOfBirth", "2007-12-01")
            .With("involvement.sector", "connexions")
            .With("involvement.evidence", JsonNode.Parse("""{"connexions":{"levelOfNeed":"level1"}}"""));
        var refused = await _source.SendAsync(eighteen.ToJsonString());

        var consented = eighteen
            .With("messageId", Guid.NewGuid().ToString())
            .With("sourceChildId", NewChild())
            .With("child.retentionConsents", JsonNode.Parse("""[{"basis":"connexionsParticipation","status":"given","recordedOn":"2025-09-01"}]"""));
        var accepted = await _source.SendAsync(consented.ToJsonString());

        Assert.Multiple(() =>
        {
            Assert.That(refused.Reasons.Select(r => r.Code), Is.EqualTo(new[] { "consent.adultTransition.passed" }));
            Assert.That(accepted.Status, Is.EqualTo(ReceiptStatus.Accepted), string.Join(" | ", accepted.Reasons.Select(r => r.Code)));
        });
    }

    [Test]
    public async Task An_end_that_overtakes_its_start_is_held_then_applied_when_the_start_arrives()
    {
        var childId = NewChild();
        var start = StartOf(Valid.Single(v => v.Sector == "socialCare"), childId).With("sequence", 100);
        var end = start.As(EndInvolvement.Type, sequence: 101, endDate: "2026-09-30");

        var held = await _source.SendAsync(end.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(held.Status, Is.EqualTo(ReceiptStatus.Held));
            Assert.That(held.Reasons.Single().Code, Is.EqualTo("identity.provision.awaitingStart"));
        });

        await _source.PublishAsync(start.ToJsonString());
        var receipts = await _source.ReceiptsAsync(2);

        Assert.Multiple(async () =>
        {
            Assert.That(receipts.Select(r => (r.InReplyTo, r.Status)), Is.EquivalentTo(new[] { ((string?)start["messageId"]!.ToString(), ReceiptStatus.Accepted), (end["messageId"]!.ToString(), ReceiptStatus.Accepted) }));
            await using var db = _hub.Database();
            var involvement = await db.Involvements.SingleAsync(i => db.ChildFragments.Any(f => f.Id == i.ChildFragmentId && f.SourceChildId == childId));
            Assert.That(involvement.EndDate, Is.EqualTo(new DateOnly(2026, 9, 30)));
            var outcomes = await db.ProcessedMessages.Where(p => p.SourceChildId == childId).Select(p => p.Outcome).ToListAsync();
            Assert.That(outcomes, Is.All.EqualTo(Persistence.MessageOutcome.Applied), "the held message's one outcome moved from held to applied");
        });
    }
}

/// <summary>An update whose start never comes is rejected when its hold runs out, with the identity rule's advice.</summary>
[TestFixture]
[NonParallelizable]
public class When_a_held_update_waits_too_long
{
    [Test]
    public async Task It_is_rejected_with_what_to_do_and_the_counts_reconcile()
    {
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Intake:HoldForStartSeconds"] = "2", ["Intake:HeldSweepSeconds"] = "1" });
        await using var source = await hub.AddSourceAsync("cms-orphan");
        var update = Fragments.Start(source.SourceId, "C-orphan", provision: "Children's Social Care 77").As(UpdateInvolvement.Type);

        var held = await source.SendAsync(update.ToJsonString());
        var final = await source.NextReceiptAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(async () =>
        {
            Assert.That(held.Status, Is.EqualTo(ReceiptStatus.Held));
            Assert.That(final.Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(final.InReplyTo, Is.EqualTo(held.InReplyTo));
            Assert.That(final.Reasons.Single().Code, Is.EqualTo("identity.provision.notFound"));
            Assert.That(final.Reasons.Single().Message, Does.Contain("send the start first"));
            var counts = (await hub.Services.GetRequiredService<IntakeStatistics>().CountsAsync()).Single(c => c.Source == source.SourceId);
            Assert.That((counts.Applied, counts.Held, counts.Rejected), Is.EqualTo((0, 0, 1)));
            await using var db = hub.Database();
            Assert.That(await db.Set<Persistence.Intake.HeldMessage>().CountAsync(), Is.Zero, "nothing of the message outlives its hold");
        });
    }
}
