using IntegrationHub.Domain.Involvements;
using IntegrationHub.Host.Scheduling;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// The time-based ends job (000 4.2.4: the hub ends a youth service involvement a year after the last attendance)
/// over involvements stored by a real intake run, with a controllable clock: ended once, with the due date as end
/// date and an audit entry; a second run changes nothing more.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_the_nightly_time_based_ends_run
{
    private static readonly DateOnly LastAttendance = new(2025, 9, 15);

    [Test]
    public async Task A_youth_service_involvement_a_year_after_its_last_attendance_is_ended_once()
    {
        await using var hub = await HubUnderTest.StartAsync();
        await using var source = await hub.AddSourceAsync("youth-cms");
        var youth = Fragments.Start(source.SourceId, "Y-1", provision: "Youth service 7", startDate: "2025-06-01")
            .AsYouthService()
            .With("involvement.evidence", new System.Text.Json.Nodes.JsonObject
            {
                ["youthService"] = new System.Text.Json.Nodes.JsonObject { ["keyWorkerFlaggedSpecialistService"] = true, ["lastAttendanceDate"] = LastAttendance.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
            });
        var socialCare = Fragments.Start(source.SourceId, "Y-1", provision: "Children's Social Care", startDate: "2024-01-10");
        Assert.That((await source.SendAsync(youth.ToJsonString())).Status, Is.EqualTo(Contracts.ReceiptStatus.Accepted));
        Assert.That((await source.SendAsync(socialCare.ToJsonString())).Status, Is.EqualTo(Contracts.ReceiptStatus.Accepted));

        var clock = new ShiftedClock(new DateTimeOffset(2026, 9, 14, 12, 0, 0, TimeSpan.Zero));
        var runner = new TimeBasedEndsRunner(
            hub.Services.GetRequiredService<IHubDbContextFactory>(),
            new HubCalendar(clock, HubCalendar.FindZone("Europe/London")),
            Options.Create(new ScheduleOptions()),
            NullLogger<TimeBasedEndsRunner>.Instance);

        var dayBefore = await runner.RunAsync(CancellationToken.None);
        clock.SetNow(new DateTimeOffset(2026, 9, 20, 1, 0, 0, TimeSpan.Zero)); // a few nights missed: caught up
        var due = await runner.RunAsync(CancellationToken.None);
        var stateAfterFirst = await hub.StateOfAsync(source.SourceId);
        var auditAfterFirst = await CountAuditAsync(hub);
        var again = await runner.RunAsync(CancellationToken.None);

        await using var db = hub.Database();
        var involvements = await db.Involvements.AsNoTracking().ToDictionaryAsync(i => i.ServiceProvisionName);
        var entry = await db.Audit.SingleAsync(a => a.Action == "involvement.endedByHub");
        var chain = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(dayBefore, Is.Zero, "not ended the day before the year is up");
            Assert.That(due, Is.EqualTo(1));
            Assert.That(involvements["Youth service 7"].EndDate, Is.EqualTo(new DateOnly(2026, 9, 15)), "the end date is the day it fell due, not the day of the run");
            Assert.That(involvements["Children's Social Care"].EndDate, Is.Null, "social care has no time-based end");
            Assert.That(entry.Actor, Is.EqualTo("hub"));
            Assert.That(entry.SourceId, Is.EqualTo(source.SourceId));
            Assert.That(entry.Detail, Does.Contain("youthService.timeBased.yearAfterLastAttendance").And.Contain("Y-1"));
            Assert.That(again, Is.Zero, "a second run changes nothing more");
            Assert.That(await hub.StateOfAsync(source.SourceId), Is.EqualTo(stateAfterFirst));
            Assert.That(await CountAuditAsync(hub), Is.EqualTo(auditAfterFirst));
            Assert.That(chain.Intact, Is.True, chain.Problem);
        });
    }

    [Test]
    public async Task The_hub_schedules_it_nightly_on_the_clustered_store_and_a_run_through_Quartz_ends_what_is_due()
    {
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Schedule:Enabled"] = "true", ["Schedule:RunAfterStartSeconds"] = "0" });
        await using var source = await hub.AddSourceAsync("youth-cms");
        // No stored attendance: the clock starts at the start date, well over a year ago.
        var youth = YouthStartedOn(source.SourceId, "Y-2", "Youth service 9", "2024-02-01");
        Assert.That((await source.SendAsync(youth.ToJsonString())).Status, Is.EqualTo(Contracts.ReceiptStatus.Accepted));

        var scheduler = await hub.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (ICronTrigger)(await scheduler.GetTrigger(new TriggerKey("time-based-ends-nightly", "lifecycle"), CancellationToken.None))!;
        var metadata = await scheduler.GetMetadata(CancellationToken.None);
        await scheduler.TriggerJob(TimeBasedEndsJob.Key, new JobDataMap(), CancellationToken.None);

        await using var db = hub.Database();
        await Eventually.TrueAsync(async () => await db.Involvements.AnyAsync(i => i.EndDate != null), "the job triggered through Quartz ends the involvement", TimeSpan.FromSeconds(30));
        var ended = await db.Involvements.AsNoTracking().SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(trigger.CronExpressionString, Is.EqualTo("0 30 2 * * ?"));
            Assert.That(trigger.TimeZone.Id, Is.EqualTo("Europe/London"));
            Assert.That(trigger.MisfireInstruction, Is.EqualTo(CronTriggerMisfireInstruction.FireAndProceed), "a missed night fires once when the hub is back");
            Assert.That(metadata.JobStorePersistent, Is.True, "PostgreSQL: Quartz's persistent store");
            Assert.That(metadata.JobStoreClustered, Is.True, "several hub instances run each job once");
            Assert.That(ended.EndDate, Is.EqualTo(new DateOnly(2025, 2, 1)));
        });
    }

    [Test]
    public async Task A_night_missed_while_the_hub_was_down_is_caught_up_by_the_run_after_start()
    {
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Schedule:Enabled"] = "true", ["Schedule:RunAfterStartSeconds"] = "10" });
        await using var source = await hub.AddSourceAsync("youth-cms");
        var youth = YouthStartedOn(source.SourceId, "Y-3", "Youth service 3", "2024-05-01");
        Assert.That((await source.SendAsync(youth.ToJsonString())).Status, Is.EqualTo(Contracts.ReceiptStatus.Accepted));

        await using var db = hub.Database();
        await Eventually.TrueAsync(async () => await db.Involvements.AnyAsync(i => i.EndDate != null), "the run after start ends the involvement due since 2025-05-01", TimeSpan.FromSeconds(40));
        Assert.That((await db.Involvements.AsNoTracking().SingleAsync()).EndDate, Is.EqualTo(new DateOnly(2025, 5, 1)));
    }

    private static async Task<int> CountAuditAsync(HubUnderTest hub)
    {
        await using var db = hub.Database();
        return await db.Audit.CountAsync();
    }

    /// <summary>A youth service start with no last attendance sent, for a young person 14 at the start.</summary>
    private static System.Text.Json.Nodes.JsonObject YouthStartedOn(string sourceId, string childId, string provision, string startDate) =>
        Fragments.Start(sourceId, childId, provision: provision, startDate: startDate)
            .With("child.dateOfBirth", "2010-01-15")
            .AsYouthService()
            .With("involvement.evidence", System.Text.Json.Nodes.JsonNode.Parse("""{"youthService":{"keyWorkerFlaggedSpecialistService":true}}"""));
}
