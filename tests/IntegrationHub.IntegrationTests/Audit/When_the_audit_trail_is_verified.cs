using System.CommandLine;
using IntegrationHub.Host.Audit;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>
/// The tamper-evident audit trail (statutory guidance 4.43) after a real intake run through the broker on
/// PostgreSQL: the chain verifies, and `hub audit verify` names the first entry someone edited or deleted.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_the_audit_trail_is_verified
{
    private HubUnderTest _hub = null!;
    private long _entries;

    [OneTimeSetUp]
    public async Task A_real_intake_run_with_accepted_rejected_and_dead_lettered_messages()
    {
        _hub = await HubUnderTest.StartAsync();
        await using var source = await _hub.AddSourceAsync("cms-audit");
        var story = Fragments.Story(source.SourceId, children: 15);
        story.Add(Fragments.Start(source.SourceId, "C-bad").With("child.nhsNumber", "1234567890"));
        foreach (var message in story)
        {
            await source.PublishAsync(message.ToJsonString());
        }

        // No user_id: unattributable, dead-lettered with an audit entry.
        await source.PublishAsync(Fragments.Start(source.SourceId, "C-anon").ToJsonString(), userId: null);
        await source.ReceiptsAsync(story.Count, TimeSpan.FromSeconds(60));
        await using var db = _hub.Database();
        await Eventually.TrueAsync(async () => await db.DeadLetters.CountAsync() == 1, "the unattributable message is dead-lettered", TimeSpan.FromSeconds(30));
        _entries = await db.Audit.CountAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [Test, Order(1)]
    public async Task The_chain_holds_and_the_command_says_so()
    {
        await using var db = _hub.Database();
        var result = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        var (exitCode, output, _) = await VerifyCommandAsync();
        var actions = await db.Audit.Select(a => a.Action).Distinct().ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Intact, Is.True, result.Problem);
            Assert.That(result.EntriesChecked, Is.EqualTo(_entries));
            Assert.That(actions, Does.Contain("source.register").And.Contain("message.deadLettered").And.Contain("startInvolvement"));
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Contain($"intact: {_entries} entries"));
        });
    }

    [Test, Order(2)]
    public async Task An_edited_entry_is_named_and_the_command_fails()
    {
        string? original;
        await using (var db = _hub.Database())
        {
            original = (await db.Audit.SingleAsync(a => a.Id == 7)).Detail;
            await db.Database.ExecuteSqlRawAsync("UPDATE audit SET \"Detail\" = 'nothing happened' WHERE \"Id\" = 7");
        }

        AuditVerification result;
        await using (var db = _hub.Database())
        {
            result = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        }

        var (exitCode, _, error) = await VerifyCommandAsync();

        await using (var db = _hub.Database())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit SET \"Detail\" = {0} WHERE \"Id\" = 7", original!);
        }

        Assert.Multiple(() =>
        {
            Assert.That(result.FirstBroken, Is.EqualTo(7));
            Assert.That(result.Problem, Does.Contain("Entry 7 was altered"));
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(error, Does.Contain("BROKEN at entry 7"));
        });
    }

    // The remaining cases tamper inside a transaction that is rolled back, verifying on the same connection,
    // so each starts from the intact chain.
    [Test, Order(3)]
    public async Task An_entry_edited_with_its_hash_recomputed_is_named_by_the_next_link()
    {
        var result = await TamperedAsync(async db =>
        {
            var entry = await db.Audit.SingleAsync(a => a.Id == 9);
            var forged = AuditEntry.Create(entry.At, entry.Actor, entry.Action, "rejected", entry.SourceId, entry.MessageId, entry.Detail);
            typeof(AuditEntry).GetProperty(nameof(AuditEntry.Id))!.SetValue(forged, entry.Id);
            var hash = AuditTrail.ComputeHash(entry.PreviousHash, forged);
            await db.Database.ExecuteSqlRawAsync("UPDATE audit SET \"Outcome\" = 'rejected', \"Hash\" = {0} WHERE \"Id\" = 9", hash);
        });

        Assert.That(result.FirstBroken, Is.EqualTo(9), result.Problem);
        Assert.That(result.Problem, Does.Contain("Entry 9 was altered or replaced"));
    }

    [Test, Order(4)]
    public async Task A_deleted_entry_is_named()
    {
        var result = await TamperedAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit WHERE \"Id\" = 4"));

        Assert.That(result.FirstBroken, Is.EqualTo(4), result.Problem);
        Assert.That(result.Problem, Does.Contain("Entry 4 is missing"));
    }

    [Test, Order(5)]
    public async Task Deleting_the_last_entries_is_caught_by_the_chain_head()
    {
        var result = await TamperedAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit WHERE \"Id\" >= {0}", _entries - 1));

        Assert.That(result.FirstBroken, Is.EqualTo(_entries - 1), result.Problem);
        Assert.That(result.Problem, Does.Contain("were deleted"));
    }

    [Test, Order(6)]
    public async Task An_entry_added_through_the_context_joins_the_chain_and_none_can_be_changed_or_removed()
    {
        await using (var db = _hub.Database())
        {
            db.AddAudit(AuditEntry.Create(DateTimeOffset.UtcNow, "test", "test.added", "done"));
            await db.SaveChangesAsync();
        }

        await using var check = _hub.Database();
        var last = await check.Audit.OrderByDescending(a => a.Id).FirstAsync();
        check.Audit.Remove(await check.Audit.SingleAsync(a => a.Id == 2));
        Assert.Multiple(() =>
        {
            Assert.That(last.Action, Is.EqualTo("test.added"));
            Assert.That(last.Id, Is.EqualTo(_entries + 1));
            Assert.That(() => check.SaveChangesAsync(), Throws.InvalidOperationException.With.Message.Contains("append-only"));
        });
    }

    [Test, Order(7)]
    public async Task After_the_tampering_is_undone_the_chain_holds_again()
    {
        await using var db = _hub.Database();
        var result = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        Assert.That(result.Intact, Is.True, result.Problem);
    }

    private async Task<AuditVerification> TamperedAsync(Func<HubDbContext, Task> tamper)
    {
        await using var db = _hub.Database();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await tamper(db);
        var result = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        await transaction.RollbackAsync();
        return result;
    }

    private async Task<(int ExitCode, string Output, string Error)> VerifyCommandAsync()
    {
        var database = _hub.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var root = new RootCommand("test") { AuditCommands.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(["audit", "verify", $"--Database:Provider={database.Provider}", $"--Database:ConnectionString={database.ConnectionString}"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
