using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static IntegrationHub.IntegrationTests.Lifecycle.LifecycleScenario;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// Issue 5 on real child records, end to end through the broker and PostgreSQL, with the nightly runner on a
/// controllable clock (the intake and the admin API run on the real clock; birthdays are chosen around it).
/// Statutory guidance (002) 3.34-3.44, 4.53-4.81; Involvement Guidance (000) 2.2.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_child_record_reaches_the_end_of_its_life
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Test]
    public async Task At_18_without_consent_the_record_is_archived_every_source_is_told_to_stop_without_a_reason_and_a_later_fragment_is_rejected_with_the_notice_again()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var socialCare = await hub.AddSourceAsync("cms");
        await using var school = await hub.AddSourceAsync("school");
        var born = Today.AddYears(-17).AddMonths(-6);
        var start = Kelly(socialCare.SourceId, "SC-1", born);
        await AcceptedAsync(socialCare, start);
        await AcceptedAsync(school, Kelly(school.SourceId, "PUPIL-9", born));
        var child = await ChildOfAsync(hub, socialCare.SourceId, "SC-1");
        Assert.That(await ChildOfAsync(hub, school.SourceId, "PUPIL-9"), Is.EqualTo(child), "both sources' fragments are one child");

        var eighteenth = born.AddYears(18);
        var (runner, clock) = Nightly(hub, eighteenth.AddDays(-1));
        var dayBefore = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(At(eighteenth));
        var onTheDay = await runner.RunAsync(CancellationToken.None);
        var again = await runner.RunAsync(CancellationToken.None);
        var toSocialCare = await NextNoticeAsync(socialCare, StopNotice.Type);
        var toSchool = await NextNoticeAsync(school, StopNotice.Type);

        var versionBefore = await FragmentVersionAsync(hub, socialCare.SourceId, "SC-1");
        var later = await socialCare.SendAsync(start.As(UpdateInvolvement.Type).With("child.address.postcode", "LS6 2QT").ToJsonString());
        var versionAfter = await FragmentVersionAsync(hub, socialCare.SourceId, "SC-1");
        var repeated = await NextNoticeAsync(socialCare, StopNotice.Type);
        var state = await StateAsync(hub, child);

        // A source that never sent about the child before: its first fragment matches the archived record.
        await using var youth = await hub.AddSourceAsync("youth");
        var newcomer = await youth.SendAsync(Kelly(youth.SourceId, "Y-3", born).ToJsonString());
        var toNewcomer = await NextNoticeAsync(youth, StopNotice.Type);
        var newcomerStored = await FragmentVersionAsync(hub, youth.SourceId, "Y-3");

        Assert.Multiple(() =>
        {
            Assert.That(dayBefore, Is.Zero, "not archived the day before the 18th birthday");
            Assert.That(onTheDay, Is.EqualTo(1));
            Assert.That(again, Is.Zero, "a second run changes nothing more");
            Assert.That(state!.ArchivedOn, Is.EqualTo(eighteenth));
            Assert.That(state.ArchiveReason, Is.EqualTo("AdultTransition"));
            Assert.That(toSocialCare.GetProperty("sourceChildId").GetString(), Is.EqualTo("SC-1"), "named by the source's own id");
            Assert.That(toSchool.GetProperty("sourceChildId").GetString(), Is.EqualTo("PUPIL-9"));
            Assert.That(toSchool.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "messageType", "notificationId", "sourceId", "sourceChildId", "issuedAt" }), "no reason, nothing about the child");
            Assert.That(later.Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(later.Reasons.Single().Code, Is.EqualTo("lifecycle.stopSending"));
            Assert.That(later.Reasons.Single().Message, Does.Not.Contain("18").And.Not.Contain("adult").And.Not.Contain("archiv"), "the receipt gives no reason either");
            Assert.That(repeated.GetProperty("sourceChildId").GetString(), Is.EqualTo("SC-1"), "the stop notice is sent again");
            Assert.That(newcomer.Status, Is.EqualTo(ReceiptStatus.Rejected), "a new source's fragment about the archived child is not linked");
            Assert.That(toNewcomer.GetProperty("sourceChildId").GetString(), Is.EqualTo("Y-3"));
            Assert.That(versionAfter, Is.EqualTo(versionBefore), "nothing more is stored about the archived child");
            Assert.That(newcomerStored, Is.Null, "the newcomer's fragment is not kept either");
        });
    }

    private static async Task<int?> FragmentVersionAsync(HubUnderTest hub, string sourceId, string sourceChildId)
    {
        await using var db = hub.Database();
        return (await db.ChildFragments.AsNoTracking().SingleOrDefaultAsync(f => f.SourceId == sourceId && f.SourceChildId == sourceChildId))?.Version;
    }

    [Test]
    public async Task With_Connexions_participation_consent_the_record_stays_live_until_19()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var connexions = await hub.AddSourceAsync("connexions");
        var born = Today.AddYears(-17).AddMonths(-6);
        await AcceptedAsync(connexions, Kelly(connexions.SourceId, "CX-1", born)
            .With("child.retentionConsents", JsonSerializer.SerializeToNode(new[] { new RetentionConsent { Basis = RetentionBasis.ConnexionsParticipation, Status = RetentionConsentStatus.Given, RecordedOn = Today } }, HubJson.Options)));
        var child = await ChildOfAsync(hub, connexions.SourceId, "CX-1");

        var (runner, clock) = Nightly(hub, born.AddYears(18).AddDays(1));
        var after18 = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(At(born.AddYears(19)));
        var at19 = await runner.RunAsync(CancellationToken.None);
        var notice = await NextNoticeAsync(connexions, StopNotice.Type);

        Assert.Multiple(async () =>
        {
            Assert.That(after18, Is.Zero, "consent keeps the record past the 18th birthday");
            Assert.That(at19, Is.EqualTo(1));
            Assert.That((await StateAsync(hub, child))!.ArchivedOn, Is.EqualTo(born.AddYears(19)));
            Assert.That(notice.GetProperty("sourceChildId").GetString(), Is.EqualTo("CX-1"));
        });
    }

    [Test]
    public async Task A_notified_death_shows_at_once_and_the_record_is_archived_a_year_after_the_registration_source_confirms_it()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var health = await hub.AddSourceAsync("health");
        await using var registrar = await hub.AddSourceAsync("gro");
        // The registration source is a deployment setting (Lifecycle:RegistrationSources); its id is only known now.
        hub.Services.GetRequiredService<IOptions<LifecycleOptions>>().Value.RegistrationSources.Add(registrar.SourceId);
        var born = Today.AddYears(-10);
        var died = Today.AddDays(-3);
        var start = Kelly(health.SourceId, "H-1", born);
        await AcceptedAsync(health, start);
        var child = await ChildOfAsync(hub, health.SourceId, "H-1");

        await AcceptedAsync(health, start.As(UpdateInvolvement.Type).With("child.dateOfDeath", died.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var notified = await StateAsync(hub, child);
        var viewed = System.Text.Json.JsonDocument.Parse(await ViewAsync(hub, child)).RootElement;
        var (runner, clock) = Nightly(hub, Today.AddYears(2));
        var notificationAlone = await runner.RunAsync(CancellationToken.None);

        await AcceptedAsync(registrar, Kelly(registrar.SourceId, "GRO-77", born).With("child.dateOfDeath", died.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var confirmed = await StateAsync(hub, child);
        clock.SetNow(At(Today.AddYears(1).AddDays(-1)));
        var beforeTheYear = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(At(Today.AddYears(1)));
        var afterTheYear = await runner.RunAsync(CancellationToken.None);
        var archivedView = System.Text.Json.JsonDocument.Parse(await ViewAsync(hub, child)).RootElement;
        var toHealth = await NextNoticeAsync(health, StopNotice.Type);
        var toRegistrar = await NextNoticeAsync(registrar, StopNotice.Type);

        Assert.Multiple(async () =>
        {
            Assert.That(notified!.DateOfDeath, Is.EqualTo(died), "a notified death shows at once");
            Assert.That(viewed.GetProperty("dateOfDeath").GetString(), Is.EqualTo(Iso(died)), "on the child's view too");
            Assert.That(viewed.GetProperty("archived").GetBoolean(), Is.False);
            Assert.That(notified.DeathConfirmedOn, Is.Null);
            Assert.That(notificationAlone, Is.Zero, "a notification alone never archives");
            Assert.That(confirmed!.DeathConfirmedOn, Is.EqualTo(Today));
            Assert.That(beforeTheYear, Is.Zero);
            Assert.That(afterTheYear, Is.EqualTo(1));
            Assert.That((await StateAsync(hub, child))!.ArchiveReason, Is.EqualTo("Death"));
            Assert.That(archivedView.GetProperty("archived").GetBoolean(), Is.True, "the view says archived, and never why");
            Assert.That(archivedView.ToString(), Does.Not.Contain("\"Death\"").And.Not.Contain("reason"));
            Assert.That(toHealth.GetProperty("sourceChildId").GetString(), Is.EqualTo("H-1"));
            Assert.That(toRegistrar.GetProperty("sourceChildId").GetString(), Is.EqualTo("GRO-77"));
        });
    }

    [Test]
    public async Task A_child_who_left_England_is_archived_on_confirmation_and_restored_at_16_when_back_with_every_source_told_to_resume()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var socialCare = await hub.AddSourceAsync("cms");
        await using var school = await hub.AddSourceAsync("school");
        var born = Today.AddYears(-16).AddMonths(-1);
        var start = Kelly(socialCare.SourceId, "SC-4", born);
        await AcceptedAsync(socialCare, start);
        await AcceptedAsync(school, Kelly(school.SourceId, "P-4", born));
        var child = await ChildOfAsync(hub, socialCare.SourceId, "SC-4");
        using var admin = await AdminAsync(hub);

        await PostAsync(admin, $"/api/children/{child}/left-england", new { confirmedBy = "Leeds City Council", destination = "Scotland" });
        var stopped = (await NextNoticeAsync(socialCare, StopNotice.Type), await NextNoticeAsync(school, StopNotice.Type));
        var archived = await StateAsync(hub, child);
        var shown = await (await admin.GetAsync(new Uri($"/api/children/{child}/lifecycle", UriKind.Relative))).Content.ReadAsStringAsync();
        var whileAway = await socialCare.SendAsync(start.As(UpdateInvolvement.Type).ToJsonString());
        await NextNoticeAsync(socialCare, StopNotice.Type);

        await PostAsync(admin, $"/api/children/{child}/restore");
        var resumed = (await NextNoticeAsync(socialCare, ResumeNotice.Type), await NextNoticeAsync(school, ResumeNotice.Type));
        var back = await socialCare.SendAsync(start.As(UpdateInvolvement.Type).ToJsonString());

        Assert.Multiple(async () =>
        {
            Assert.That(archived!.ArchiveReason, Is.EqualTo("LeftEngland"));
            Assert.That(JsonDocument.Parse(shown).RootElement.GetProperty("archiveReason").GetString(), Is.EqualTo("LeftEngland"), "data administrators see the reason");
            Assert.That(stopped.Item1.GetProperty("sourceChildId").GetString(), Is.EqualTo("SC-4"));
            Assert.That(stopped.Item2.GetProperty("sourceChildId").GetString(), Is.EqualTo("P-4"));
            Assert.That(whileAway.Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(resumed.Item1.GetProperty("sourceChildId").GetString(), Is.EqualTo("SC-4"));
            Assert.That(resumed.Item2.GetProperty("sourceChildId").GetString(), Is.EqualTo("P-4"));
            Assert.That(resumed.Item2.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "messageType", "notificationId", "sourceId", "sourceChildId", "issuedAt" }));
            Assert.That((await StateAsync(hub, child))!.ArchivedOn, Is.Null, "live again");
            Assert.That(back.Status, Is.EqualTo(ReceiptStatus.Accepted), "data is accepted again after the resume");
        });
    }

    [Test]
    public async Task Only_a_record_archived_because_the_child_left_England_can_be_restored()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var socialCare = await hub.AddSourceAsync("cms");
        await AcceptedAsync(socialCare, Kelly(socialCare.SourceId, "SC-5", Today.AddYears(-8)));
        var child = await ChildOfAsync(hub, socialCare.SourceId, "SC-5");
        using var admin = await AdminAsync(hub);
        await PostAsync(admin, $"/api/children/{child}/new-identity");

        var response = await admin.PostAsync(new Uri($"/api/children/{child}/restore", UriKind.Relative), null);
        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(409), await response.Content.ReadAsStringAsync());
            Assert.That((await StateAsync(hub, child))!.ArchivedOn, Is.Not.Null);
        });
    }

    [Test]
    public async Task A_new_identity_archives_the_old_record_first_and_creates_a_new_one_that_nothing_links_to_the_old()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var socialCare = await hub.AddSourceAsync("cms");
        var born = Today.AddYears(-9);
        await AcceptedAsync(socialCare, Kelly(socialCare.SourceId, "SC-6", born));
        var old = await ChildOfAsync(hub, socialCare.SourceId, "SC-6");
        using var admin = await AdminAsync(hub);

        var result = await PostAsync(admin, $"/api/children/{old}/new-identity");
        var created = result.GetProperty("newChildId").GetGuid();
        var notice = await NextNoticeAsync(socialCare, StopNotice.Type);

        await using var db = hub.Database();
        var oldText = old.ToString();
        var newText = created.ToString();
        var audit = await db.Audit.AsNoTracking().ToListAsync();
        var links = await db.Set<ChildLink>().AsNoTracking().Where(l => l.ChildId == created).CountAsync();
        var newRecord = await db.Set<ChildRecord>().AsNoTracking().SingleAsync(c => c.Id == created);
        var oldState = await StateAsync(hub, old);
        Assert.Multiple(() =>
        {
            Assert.That(created, Is.Not.EqualTo(old));
            Assert.That(oldState!.ArchiveReason, Is.EqualTo("NewIdentity"));
            Assert.That(notice.GetProperty("sourceChildId").GetString(), Is.EqualTo("SC-6"));
            Assert.That(notice.ToString(), Does.Not.Contain(newText), "no notice reveals the new record");
            Assert.That(links, Is.Zero, "the new record has no fragment of the old");
            Assert.That(newRecord.BestViewJson, Does.Not.Contain("Kelly"), "built from nothing of the old");
            Assert.That(audit.Where(a => (a.Detail ?? string.Empty).Contains(oldText, StringComparison.Ordinal) && (a.Detail ?? string.Empty).Contains(newText, StringComparison.Ordinal)), Is.Empty,
                "no audit entry names both records");
            Assert.That(audit.Count(a => (a.Detail ?? string.Empty).Contains(newText, StringComparison.Ordinal)), Is.EqualTo(1), "the new record's creation, alone");
        });
    }

    [Test]
    public async Task Six_years_after_archiving_the_record_is_deleted_for_good_unless_an_investigation_holds_it_and_lifting_the_hold_lets_the_purge_proceed()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var socialCare = await hub.AddSourceAsync("cms");
        var born = Today.AddYears(-17).AddMonths(-6);
        await AcceptedAsync(socialCare, Kelly(socialCare.SourceId, "SC-7", born));
        await AcceptedAsync(socialCare, Sam(socialCare.SourceId, "SC-8", born));
        var purged = await ChildOfAsync(hub, socialCare.SourceId, "SC-7");
        var held = await ChildOfAsync(hub, socialCare.SourceId, "SC-8");
        Assert.That(held, Is.Not.EqualTo(purged));
        using var admin = await AdminAsync(hub);
        await PostAsync(admin, $"/api/children/{held}/investigation-hold");

        var archivedOn = born.AddYears(18);
        var (runner, clock) = Nightly(hub, archivedOn);
        var archiving = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(At(archivedOn.AddYears(6).AddDays(-1)));
        var dayBefore = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(At(archivedOn.AddYears(6)));
        var sixYears = await runner.RunAsync(CancellationToken.None);
        var again = await runner.RunAsync(CancellationToken.None);

        await using var db = hub.Database();
        var fragments = await db.ChildFragments.AsNoTracking().Select(f => f.SourceChildId).ToListAsync();
        var involvements = await db.Involvements.AsNoTracking().CountAsync();
        var records = await db.Set<ChildRecord>().AsNoTracking().Select(c => c.Id).ToListAsync();
        var purgeEntry = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == "child.purged");

        var heldOnly = involvements;
        await admin.DeleteAsync(new Uri($"/api/children/{held}/investigation-hold", UriKind.Relative));
        var afterLift = await runner.RunAsync(CancellationToken.None);
        var chain = await Persistence.Audit.AuditTrail.VerifyAsync(db, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(archiving, Is.EqualTo(2));
            Assert.That(dayBefore, Is.Zero);
            Assert.That(sixYears, Is.EqualTo(1), "the held record is kept");
            Assert.That(again, Is.Zero, "a second run changes nothing more");
            Assert.That(records, Is.EqualTo(new[] { held }));
            Assert.That(fragments, Is.EqualTo(new[] { "SC-8" }), "the purged child's fragments are gone");
            Assert.That(heldOnly, Is.EqualTo(1), "and its involvements");
            Assert.That(await db.Set<ChildLink>().AsNoTracking().CountAsync(l => l.ChildId == purged), Is.Zero);
            Assert.That(await db.Set<ChildLifecycleState>().AsNoTracking().CountAsync(s => s.ChildId == purged), Is.Zero);
            Assert.That(purgeEntry.Detail, Does.Contain(purged.ToString()).And.Not.Contain("Kelly").And.Not.Contain("SC-7"), "the audit keeps the id, no case data");
            Assert.That(afterLift, Is.EqualTo(1), "lifting the hold lets the purge proceed");
            Assert.That(await db.Set<ChildRecord>().AsNoTracking().CountAsync(), Is.Zero);
            Assert.That(chain.Intact, Is.True, chain.Problem);
        });
    }

    [Test]
    public async Task Shielded_while_any_source_asks_one_withdrawal_leaves_it_shielded_and_it_is_unshielded_when_both_withdrew()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var police = await hub.AddSourceAsync("police");
        await using var socialCare = await hub.AddSourceAsync("cms");
        var born = Today.AddYears(-12);
        var fromPolice = Kelly(police.SourceId, "PN-1", born);
        var fromSocialCare = Kelly(socialCare.SourceId, "SC-9", born);
        await AcceptedAsync(police, fromPolice.With("child.shielding", "requested"));
        await AcceptedAsync(socialCare, fromSocialCare.With("child.shielding", "requested"));
        var child = await ChildOfAsync(hub, police.SourceId, "PN-1");
        var both = await ShieldedAsync(hub, child);
        var view = await ViewAsync(hub, child);

        await AcceptedAsync(police, fromPolice.As(UpdateInvolvement.Type).With("child.shielding", "withdrawn"));
        var one = await ShieldedAsync(hub, child);
        await AcceptedAsync(socialCare, fromSocialCare.As(UpdateInvolvement.Type).With("child.shielding", "withdrawn"));
        var none = await ShieldedAsync(hub, child);

        Assert.Multiple(() =>
        {
            Assert.That(both, Is.True);
            Assert.That(view, Does.Not.Contain("LS1").And.Not.Contain("Station Road").And.Not.Contain("Park View"), "a shielded record shows no whereabouts");
            Assert.That(one, Is.True, "one withdrawal never unshields for the other");
            Assert.That(none, Is.False, "unshielded when every requester withdrew");
        });
    }

    [Test]
    public async Task Kellys_story_Pauls_ended_involvement_is_still_listed_for_a_year_then_leaves_the_view()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var socialCare = await hub.AddSourceAsync("cms");
        await using var housing = await hub.AddSourceAsync("housing");
        var born = Today.AddYears(-15);
        var paul = Kelly(socialCare.SourceId, "K-1", born);
        await AcceptedAsync(socialCare, paul);
        await AcceptedAsync(socialCare, paul.As(EndInvolvement.Type, endDate: Today.AddDays(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var longAgo = Kelly(housing.SourceId, "T-1", born).With("involvement.startDate", Today.AddYears(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await AcceptedAsync(housing, longAgo);
        await AcceptedAsync(housing, longAgo.As(EndInvolvement.Type, endDate: Today.AddYears(-1).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var child = await ChildOfAsync(hub, socialCare.SourceId, "K-1");

        var view = JsonDocument.Parse(await ViewAsync(hub, child)).RootElement;
        var listed = view.GetProperty("involvements").EnumerateArray().Select(i => i.GetProperty("sourceId").GetString()).ToList();
        Assert.That(listed, Is.EqualTo(new[] { socialCare.SourceId }), "Paul's ended involvement stays on for a year; one ended over a year ago does not");
    }

    [Test]
    public async Task A_practitioner_may_extend_an_ended_involvement_up_to_five_years_and_a_confirmed_extension_keeps_it_listed_past_the_year()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var socialCare = await hub.AddSourceAsync("cms");
        var born = Today.AddYears(-15);
        var start = Kelly(socialCare.SourceId, "K-2", born).With("involvement.startDate", Iso(Today.AddYears(-3)));
        var endedOn = Today.AddYears(-1).AddDays(-20);
        await AcceptedAsync(socialCare, start);
        await AcceptedAsync(socialCare, start.As(EndInvolvement.Type, endDate: Iso(endedOn)));
        var child = await ChildOfAsync(hub, socialCare.SourceId, "K-2");
        var key = new { sourceId = socialCare.SourceId, serviceProvisionName = "Children's Social Care", startDate = Iso(Today.AddYears(-3)) };
        using var admin = await AdminAsync(hub);

        // Past the year the involvement has left the record: too late to extend.
        var tooLate = await admin.PostAsJsonAsync(new Uri($"/api/children/{child}/involvements/retention", UriKind.Relative), new { key.sourceId, key.serviceProvisionName, key.startDate, retainUntil = Iso(endedOn.AddYears(3)) });
        var hiddenBefore = await ViewAsync(hub, child);

        // As if the practitioner had extended it within the year and confirmed it since (the API runs on the real clock).
        await using (var db = hub.Database())
        {
            var involvement = await db.Involvements.SingleAsync();
            db.Set<InvolvementRetentionExtension>().Add(new InvolvementRetentionExtension
            {
                InvolvementId = involvement.Id, RetainUntil = endedOn.AddYears(3), SetOn = endedOn.AddMonths(6), LastConfirmedOn = Today.AddMonths(-1), SetBy = "ms.okafor", UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var beyondFive = await admin.PostAsJsonAsync(new Uri($"/api/children/{child}/involvements/retention", UriKind.Relative), new { key.sourceId, key.serviceProvisionName, key.startDate, retainUntil = Iso(endedOn.AddYears(5).AddDays(1)) });
        var confirmed = await admin.PostAsJsonAsync(new Uri($"/api/children/{child}/involvements/retention/confirm", UriKind.Relative), key);
        var listed = JsonDocument.Parse(await ViewAsync(hub, child)).RootElement.GetProperty("involvements").GetArrayLength();

        Assert.Multiple(async () =>
        {
            Assert.That((int)tooLate.StatusCode, Is.EqualTo(409));
            Assert.That(await tooLate.Content.ReadAsStringAsync(), Does.Contain("lifecycle.retention.alreadyArchived"));
            Assert.That(JsonDocument.Parse(hiddenBefore).RootElement.GetProperty("involvements").GetArrayLength(), Is.Zero, "a year after its end it is out of the view");
            Assert.That((int)beyondFive.StatusCode, Is.EqualTo(409));
            Assert.That(await beyondFive.Content.ReadAsStringAsync(), Does.Contain("lifecycle.retention.beyondFiveYears"));
            Assert.That(confirmed.IsSuccessStatusCode, Is.True, await confirmed.Content.ReadAsStringAsync());
            Assert.That(listed, Is.EqualTo(1), "the confirmed extension keeps it listed");
        });
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> ShieldedAsync(HubUnderTest hub, Guid child)
    {
        await using var db = hub.Database();
        return (await db.Set<ChildRecord>().AsNoTracking().SingleAsync(c => c.Id == child)).Shielded;
    }

    private static async Task<string> ViewAsync(HubUnderTest hub, Guid child)
    {
        using var http = await AdminAsync(hub);
        var response = await http.GetAsync(new Uri($"/api/children/{child}?reason=test", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return text;
    }
}
