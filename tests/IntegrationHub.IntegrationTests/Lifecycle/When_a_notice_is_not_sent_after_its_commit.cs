using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Replies;
using IntegrationHub.Pipeline.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationHub.IntegrationTests.Lifecycle.LifecycleScenario;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// Issue 5: sources "must keep sending until they get one" of their stop notices, so a notice is written to the reply
/// outbox with the decision and a sweep sends whatever a crash between the commit and the send left behind (ADR 0012).
/// End to end through the broker and PostgreSQL, with the sweep running every second.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_notice_is_not_sent_after_its_commit
{
    private static readonly Dictionary<string, string?> FastSweep = new()
    {
        ["Replies:OutboxSweepSeconds"] = "1",
        ["Replies:OutboxGraceSeconds"] = "3",
    };

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Test]
    public async Task A_stop_notice_committed_with_the_archive_but_never_sent_reaches_the_source_after_the_sweep_with_the_same_id()
    {
        await using var hub = await HubUnderTest.StartAsync(FastSweep);
        await using var socialCare = await hub.AddSourceAsync("cms");
        await AcceptedAsync(socialCare, Kelly(socialCare.SourceId, "SC-21", Today.AddYears(-9)));
        var child = await ChildOfAsync(hub, socialCare.SourceId, "SC-21");

        // The archive commits with its stop notice in the outbox; the process "dies" before sending it (the replies are dropped).
        var archived = await hub.Services.GetRequiredService<LifecycleService>().ConfirmLeftEnglandAsync(child, "Leeds City Council", "Scotland", "admin.alex", CancellationToken.None);
        var written = System.Text.Json.JsonDocument.Parse(archived.Replies.Single().Body).RootElement.GetProperty("notificationId").GetString();
        var unsentAtFirst = await OutboxAsync(hub);

        var swept = await NextNoticeAsync(socialCare, StopNotice.Type, TimeSpan.FromSeconds(20));
        var once = await NoNoticeAsync(socialCare, StopNotice.Type);
        var row = (await OutboxAsync(hub)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(archived.Status, Is.EqualTo(LifecycleCommandStatus.Done));
            Assert.That(unsentAtFirst.Single().SentAt, Is.Null, "written with the decision, not sent");
            Assert.That(swept.GetProperty("sourceChildId").GetString(), Is.EqualTo("SC-21"));
            Assert.That(swept.GetProperty("notificationId").GetString(), Is.EqualTo(written), "the notice as written, with its id, so a source can drop a repeat");
            Assert.That(once, Is.True, "sent once the sweep has it");
            Assert.That(row.SentAt, Is.Not.Null, "marked sent");
        });
    }

    [Test]
    public async Task A_notice_sent_after_its_commit_is_not_sent_again_by_the_sweep()
    {
        await using var hub = await HubUnderTest.StartAsync(FastSweep);
        await using var socialCare = await hub.AddSourceAsync("cms");
        await using var school = await hub.AddSourceAsync("school");
        var born = Today.AddYears(-12);
        await AcceptedAsync(socialCare, Kelly(socialCare.SourceId, "SC-22", born));
        await AcceptedAsync(school, Kelly(school.SourceId, "P-22", born));
        var child = await ChildOfAsync(hub, socialCare.SourceId, "SC-22");
        using var admin = await AdminAsync(hub);

        await PostAsync(admin, $"/api/children/{child}/left-england", new { confirmedBy = "Leeds City Council", destination = "Wales" });
        var toSocialCare = await NextNoticeAsync(socialCare, StopNotice.Type);
        var toSchool = await NextNoticeAsync(school, StopNotice.Type);
        var rows = await Eventually.ValueAsync(async () => await OutboxAsync(hub) is { Count: 2 } r && r.All(x => x.SentAt is not null) ? r : null);

        // Several sweeps past the grace period.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var againToSocialCare = !await NoNoticeAsync(socialCare, StopNotice.Type);
        var againToSchool = !await NoNoticeAsync(school, StopNotice.Type);

        Assert.Multiple(() =>
        {
            Assert.That(toSocialCare.GetProperty("sourceChildId").GetString(), Is.EqualTo("SC-22"));
            Assert.That(toSchool.GetProperty("sourceChildId").GetString(), Is.EqualTo("P-22"));
            Assert.That(rows.Select(r => r.SourceId), Is.EquivalentTo(new[] { socialCare.SourceId, school.SourceId }), "both notices went through the outbox");
            Assert.That(againToSocialCare, Is.False, "a dispatched notice is not sent twice");
            Assert.That(againToSchool, Is.False);
        });
    }

    private static async Task<List<OutboxReply>> OutboxAsync(HubUnderTest hub)
    {
        await using var db = hub.Database();
        return await db.Set<OutboxReply>().AsNoTracking().ToListAsync();
    }
}
