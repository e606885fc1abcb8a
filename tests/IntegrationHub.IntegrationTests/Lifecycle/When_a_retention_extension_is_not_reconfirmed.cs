using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Scheduling;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationHub.IntegrationTests.Lifecycle.LifecycleScenario;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// Issue 5, involvement retention (002 3.41-3.44): an ended involvement a practitioner keeps for three years is asked
/// about yearly on the source's reply queue, stays while confirmed and leaves the record when it is not. End to end
/// through the broker and PostgreSQL; the whole hub (intake, API, nightly runner) runs on one <see cref="ShiftedClock"/>
/// walked through the years.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_retention_extension_is_not_reconfirmed
{
    private const string Provision = "Children's Social Care";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Test]
    public async Task The_source_is_asked_once_a_year_a_confirmation_keeps_it_into_year_two_and_without_the_next_one_it_lapses_and_leaves_the_view()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var hub = await HubUnderTest.StartAsync(clock: clock);
        await using var socialCare = await hub.AddSourceAsync("cms");
        var (child, key, start, endedOn) = await EndedInvolvementAsync(hub, socialCare, "K-31");
        using var admin = await AdminAsync(hub);
        var runner = hub.Services.GetRequiredService<InvolvementRetentionRunner>();

        // The practitioner keeps it for three years after its end; the first year of the extension counts from today.
        var extended = await PostAsync(admin, $"/api/children/{child}/involvements/retention", new { key.SourceId, key.ServiceProvisionName, key.StartDate, retainUntil = Iso(endedOn.AddYears(3)) });
        var firstLapse = Today.AddYears(1);

        clock.SetNow(At(firstLapse.AddDays(-31)));
        var beforeTheWindow = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(At(firstLapse.AddDays(-30)));
        var firstNight = await runner.RunAsync(CancellationToken.None);
        var secondRun = await runner.RunAsync(CancellationToken.None);
        var prompt = await NextNoticeAsync(socialCare, RetentionConfirmationDue.Type);
        var askedTwice = !await NoNoticeAsync(socialCare, RetentionConfirmationDue.Type);

        // The practitioner confirms ten days before the lapse, over the message channel: the end again, naming the prompt's
        // lapse day. Kept another year from the confirmation; the same message sent again (a nightly resend) changes nothing.
        var confirmedOn = firstLapse.AddDays(-10);
        clock.SetNow(At(confirmedOn));
        var confirmation = Confirmation(start, endedOn, prompt.GetProperty("lapsesOn").GetString()!);
        var confirmedReceipt = await socialCare.SendAsync(confirmation.ToJsonString());
        clock.SetNow(At(confirmedOn.AddDays(2)));
        var resentReceipt = await socialCare.SendAsync(confirmation.As(EndInvolvement.Type).ToJsonString());
        clock.SetNow(At(firstLapse));
        var onTheOldLapseDay = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(At(firstLapse.AddDays(30)));
        var inYearTwo = await InvolvementsShownAsync(admin, child);

        // The next year's prompt goes out; nobody confirms.
        var secondLapse = confirmedOn.AddYears(1);
        clock.SetNow(At(secondLapse.AddDays(-30)));
        var secondYear = await runner.RunAsync(CancellationToken.None);
        var secondPrompt = await NextNoticeAsync(socialCare, RetentionConfirmationDue.Type);
        clock.SetNow(At(secondLapse.AddDays(-1)));
        var dayBefore = await runner.RunAsync(CancellationToken.None);
        var shownDayBefore = await InvolvementsShownAsync(admin, child);
        clock.SetNow(At(secondLapse));
        var onTheLapseDay = await runner.RunAsync(CancellationToken.None);
        var shownAfter = await InvolvementsShownAsync(admin, child);
        var lateOnTheWire = await socialCare.SendAsync(Confirmation(start, endedOn, Iso(secondLapse)).ToJsonString());
        var lateConfirmation = await admin.PostAsJsonAsync(new Uri($"/api/children/{child}/involvements/retention/confirm", UriKind.Relative), key);
        var lateConfirmationText = await lateConfirmation.Content.ReadAsStringAsync();
        clock.SetNow(At(secondLapse.AddDays(5)));
        var afterTheLapse = await runner.RunAsync(CancellationToken.None);
        var promptedAfterTheLapse = !await NoNoticeAsync(socialCare, RetentionConfirmationDue.Type);
        var audit = await AuditAsync(hub);

        Assert.Multiple(() =>
        {
            Assert.That(extended.GetProperty("visibleUntil").GetString(), Is.EqualTo(Iso(firstLapse)), "an unconfirmed extension holds a year from when it was set");
            Assert.That(beforeTheWindow, Is.EqualTo(new InvolvementRetentionRun(0, 0)), "not asked more than 30 days ahead");
            Assert.That(firstNight, Is.EqualTo(new InvolvementRetentionRun(1, 0)));
            Assert.That(secondRun, Is.EqualTo(new InvolvementRetentionRun(0, 0)), "a second run asks nothing again");
            Assert.That(askedTwice, Is.False, "the source is asked once");
            Assert.That(prompt.GetProperty("sourceChildId").GetString(), Is.EqualTo("K-31"), "named by the source's own id");
            Assert.That(prompt.GetProperty("serviceProvisionName").GetString(), Is.EqualTo(Provision));
            Assert.That(prompt.GetProperty("startDate").GetString(), Is.EqualTo(key.StartDate));
            Assert.That(prompt.GetProperty("lapsesOn").GetString(), Is.EqualTo(Iso(firstLapse)));
            Assert.That(prompt.GetProperty("retainUntil").GetString(), Is.EqualTo(Iso(endedOn.AddYears(3))));
            Assert.That(prompt.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            {
                "messageType", "notificationId", "sourceId", "sourceChildId", "serviceProvisionName", "startDate", "lapsesOn", "retainUntil", "issuedAt",
            }), "nothing about the child beyond the source's own key of the involvement");
            Assert.That(confirmedReceipt.Status, Is.EqualTo(ReceiptStatus.Accepted), () => string.Join("; ", confirmedReceipt.Reasons.Select(r => r.Code)));
            Assert.That(resentReceipt.Status, Is.EqualTo(ReceiptStatus.Accepted), "the same confirmation again is harmless");
            Assert.That(onTheOldLapseDay, Is.EqualTo(new InvolvementRetentionRun(0, 0)), "confirmed: nothing lapses on the old day");
            Assert.That(inYearTwo, Is.EqualTo(new[] { Provision }), "the confirmed extension keeps it in the view into year two");
            Assert.That(secondYear, Is.EqualTo(new InvolvementRetentionRun(1, 0)));
            Assert.That(secondPrompt.GetProperty("lapsesOn").GetString(), Is.EqualTo(Iso(secondLapse)));
            Assert.That(secondPrompt.GetProperty("notificationId").GetString(), Is.Not.EqualTo(prompt.GetProperty("notificationId").GetString()));
            Assert.That(dayBefore, Is.EqualTo(new InvolvementRetentionRun(0, 0)));
            Assert.That(shownDayBefore, Is.EqualTo(new[] { Provision }), "still shown the day before the lapse");
            Assert.That(onTheLapseDay, Is.EqualTo(new InvolvementRetentionRun(0, 1)), "not re-confirmed: it lapses on its day");
            Assert.That(shownAfter, Is.Empty, "a lapsed extension is out of the view");
            Assert.That(lateOnTheWire.Status, Is.EqualTo(ReceiptStatus.Rejected), "a confirmation on or after the lapse day is too late");
            Assert.That(lateOnTheWire.Reasons.Select(r => r.Code), Is.EqualTo(new[] { "lifecycle.retention.nothingToConfirm" }));
            Assert.That((int)lateConfirmation.StatusCode, Is.EqualTo(409), "too late over HTTP as well");
            Assert.That(lateConfirmationText, Does.Contain("lifecycle.retention.nothingToConfirm"));
            Assert.That(afterTheLapse, Is.EqualTo(new InvolvementRetentionRun(0, 0)), "a lapsed extension is not judged again");
            Assert.That(promptedAfterTheLapse, Is.False, "no prompt for a lapsed extension");
            Assert.That(audit.Count(a => a.Action == "involvement.retentionConfirmationPrompted"), Is.EqualTo(2), "each prompt is audited");
            Assert.That(audit.Where(a => a.Action == "involvement.retentionConfirmed").Select(a => a.Actor), Is.EqualTo(new[] { socialCare.SourceId }), "confirmed once, by the source");
            Assert.That(audit.Where(a => a.Action == "involvement.retentionLapsed").Select(a => a.Detail), Has.Exactly(1).Contains($"\"lapsedOn\":\"{Iso(secondLapse)}\""));
        });
    }

    [Test]
    public async Task An_extension_whose_lapse_day_passed_while_no_run_asked_lapses_without_a_prompt()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var hub = await HubUnderTest.StartAsync(clock: clock);
        await using var socialCare = await hub.AddSourceAsync("cms");
        var (child, key, _, endedOn) = await EndedInvolvementAsync(hub, socialCare, "K-32");
        using var admin = await AdminAsync(hub);
        var runner = hub.Services.GetRequiredService<InvolvementRetentionRunner>();
        await PostAsync(admin, $"/api/children/{child}/involvements/retention", new { key.SourceId, key.ServiceProvisionName, key.StartDate, retainUntil = Iso(endedOn.AddYears(3)) });

        // The hub was down through the whole prompt window; the first run after it is past the lapse day.
        clock.SetNow(At(Today.AddYears(1).AddDays(3)));
        var caughtUp = await runner.RunAsync(CancellationToken.None);
        var prompted = !await NoNoticeAsync(socialCare, RetentionConfirmationDue.Type);
        var shown = await InvolvementsShownAsync(admin, child);
        var audit = await AuditAsync(hub);

        Assert.Multiple(() =>
        {
            Assert.That(caughtUp, Is.EqualTo(new InvolvementRetentionRun(0, 1)));
            Assert.That(prompted, Is.False, "never asked about an extension that has already lapsed");
            Assert.That(shown, Is.Empty);
            Assert.That(audit.Where(a => a.Action == "involvement.retentionLapsed").Select(a => a.Detail), Has.Exactly(1).Contains($"\"lapsedOn\":\"{Iso(Today.AddYears(1))}\""),
                "the lapse is recorded with the day it fell due, not the day of the run");
        });
    }

    /// <summary>A social care involvement started two years ago and ended ten days ago, on the real calendar.</summary>
    private static async Task<(Guid Child, RetentionKey Key, JsonObject Start, DateOnly EndedOn)> EndedInvolvementAsync(HubUnderTest hub, SourceClient source, string sourceChildId)
    {
        var startedOn = Today.AddYears(-2);
        var endedOn = Today.AddDays(-10);
        var start = Kelly(source.SourceId, sourceChildId, Today.AddYears(-10)).With("involvement.startDate", Iso(startedOn));
        await AcceptedAsync(source, start);
        await AcceptedAsync(source, start.As(EndInvolvement.Type, endDate: Iso(endedOn)));
        return (await ChildOfAsync(hub, source.SourceId, sourceChildId), new RetentionKey(source.SourceId, Provision, Iso(startedOn)), start, endedOn);
    }

    /// <summary>The end of the provision again, carrying the practitioner's confirmation of the extension lapsing on <paramref name="lapsesOn"/>.</summary>
    private static JsonObject Confirmation(JsonObject start, DateOnly endedOn, string lapsesOn) =>
        start.As(EndInvolvement.Type, endDate: Iso(endedOn)).With("involvement.retentionConfirmation", new JsonObject { ["lapsesOn"] = lapsesOn });

    private static async Task<List<string>> InvolvementsShownAsync(HttpClient admin, Guid child)
    {
        var response = await admin.GetAsync(new Uri($"/api/children/{child}?reason=test", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("involvements").EnumerateArray().Select(i => i.GetProperty("description").GetString()!)];
    }

    private static async Task<List<Persistence.AuditEntry>> AuditAsync(HubUnderTest hub)
    {
        await using var db = hub.Database();
        return await db.Audit.AsNoTracking().Where(a => a.Action.StartsWith("involvement.retention")).ToListAsync();
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An involvement by its natural key, as the retention API takes it.</summary>
    private sealed record RetentionKey(string SourceId, string ServiceProvisionName, string StartDate);
}
