using System.Diagnostics;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>
/// What chaining costs per intake batch on PostgreSQL: a batch's 200 audit rows bulk-inserted as before, against
/// the same rows appended to the chain (lock the head, hash, insert, advance the head), each in its own
/// transaction, interleaved so machine load hits both alike. Explicit: a measurement for docs/benchmarks.md.
/// </summary>
[TestFixture]
[Explicit("measurement, not a check")]
public class AuditAppendCost
{
    [Test]
    public async Task Two_hundred_entries_plain_bulk_insert_against_chained_append()
    {
        await using var hub = await HubUnderTest.StartAsync();
        const int rounds = 200;
        var plain = new List<double>();
        var chained = new List<double>();
        var id = 1_000_000_000L;
        for (var round = 0; round < rounds; round++)
        {
            plain.Add(await TimeAsync(hub, async db =>
            {
                var rows = Batch();
                foreach (var row in rows)
                {
                    typeof(AuditEntry).GetProperty(nameof(AuditEntry.Id))!.SetValue(row, ++id);
                }

                await db.InsertAsync(rows, CancellationToken.None);
            }));
            chained.Add(await TimeAsync(hub, db => AuditTrail.AppendAsync(db, Batch(), CancellationToken.None)));
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        await TestContext.Out.WriteLineAsync($"200 audit rows per transaction, median of {rounds}: plain bulk insert {Median(plain):F2} ms, chained append {Median(chained):F2} ms");
    }

    private static List<AuditEntry> Batch() =>
        Enumerable.Range(0, 200).Select(i => AuditEntry.Create(DateTimeOffset.UtcNow, "bench-source", "startInvolvement", "applied", "bench-source", $"bench-{i}")).ToList();

    private static async Task<double> TimeAsync(HubUnderTest hub, Func<HubDbContext, Task> write)
    {
        await using var db = hub.Database();
        var watch = Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await write(db);
        await transaction.CommitAsync();
        return watch.Elapsed.TotalMilliseconds;
    }
}
