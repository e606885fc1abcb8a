using System.Runtime.CompilerServices;
using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Host.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// The extension point for child records (IChildLifecycleStore): the nightly runner archives what is due with stop
/// notices to every source, purges what has had its six years, and a second run does nothing more.
/// </summary>
[TestFixture]
public class When_the_child_lifecycle_job_runs
{
    [Test]
    public async Task Due_records_are_archived_with_stop_notices_and_purged_once()
    {
        var adult = new ChildLifecycleRecord(Guid.NewGuid(), new ChildLifecycle { DateOfBirth = new DateOnly(2008, 11, 20) }, [new("police", "P-1"), new("school", "S-9"), new("police", "P-1")]);
        var young = new ChildLifecycleRecord(Guid.NewGuid(), new ChildLifecycle { DateOfBirth = new DateOnly(2015, 1, 1) }, [new("school", "S-1")]);
        var old = new ChildLifecycleRecord(Guid.NewGuid(), new ChildLifecycle { DateOfBirth = new DateOnly(1999, 1, 1), Archive = new ArchiveState(new DateOnly(2020, 1, 2), ArchiveReason.AdultTransition) }, []);
        var held = new ChildLifecycleRecord(Guid.NewGuid(), new ChildLifecycle { DateOfBirth = new DateOnly(1999, 1, 1), Archive = new ArchiveState(new DateOnly(2019, 1, 2), ArchiveReason.Death, InvestigationHold: true) }, []);
        var store = new InMemoryStore([adult, young, old, held]);
        var runner = new ChildLifecycleRunner(new HubCalendar(new ShiftedClock(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero)), HubCalendar.FindZone("Europe/London")), NullLogger<ChildLifecycleRunner>.Instance, store);

        var first = await runner.RunAsync(CancellationToken.None);
        var second = await runner.RunAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(2));
            Assert.That(second, Is.Zero, "a second run changes nothing more");
            Assert.That(store.Applied, Is.EqualTo(new[]
            {
                $"{adult.ChildRecordId} archive AdultTransition due 2026-11-20: Stop police/P-1, Stop school/S-9",
                $"{old.ChildRecordId} purge due 2026-01-02: ",
            }));
            Assert.That(store.Records[held.ChildRecordId].State.Purged, Is.False, "an investigation hold keeps the record");
        });
    }

    [Test]
    public async Task Without_a_child_record_store_it_does_nothing()
    {
        var runner = new ChildLifecycleRunner(new HubCalendar(TimeProvider.System, TimeZoneInfo.Utc), NullLogger<ChildLifecycleRunner>.Instance);
        Assert.That(await runner.RunAsync(CancellationToken.None), Is.Zero);
    }

    private sealed class InMemoryStore(IEnumerable<ChildLifecycleRecord> records) : IChildLifecycleStore
    {
        public Dictionary<Guid, ChildLifecycleRecord> Records { get; } = records.ToDictionary(r => r.ChildRecordId);

        public List<string> Applied { get; } = [];

        public async IAsyncEnumerable<ChildLifecycleRecord> CandidatesAsync(DateOnly today, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var record in Records.Values.ToList())
            {
                await Task.Yield();
                yield return record;
            }
        }

        public Task ApplyAsync(ChildLifecycleRecord record, LifecycleAction action, ChildLifecycle after, IReadOnlyList<StopNotice> notices, DateOnly today, CancellationToken cancellationToken)
        {
            var what = action switch
            {
                ArchiveRecord a => $"archive {a.Reason} due {a.DueOn:yyyy-MM-dd}",
                PurgeRecord p => $"purge due {p.DueOn:yyyy-MM-dd}",
                _ => action.ToString(),
            };
            Applied.Add($"{record.ChildRecordId} {what}: {string.Join(", ", notices.Select(n => $"{n.Kind} {n.SourceId}/{n.SourceChildId}"))}");
            Records[record.ChildRecordId] = record with { State = after };
            return Task.CompletedTask;
        }
    }
}
