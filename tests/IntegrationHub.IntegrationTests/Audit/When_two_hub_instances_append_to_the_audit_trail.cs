using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Audit;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>
/// Two hub processes, each storing two batches at a time, append to one audit trail: the chain's head row,
/// locked in each writer's transaction, gives the appends one order, so the chain stays unbroken and holds
/// exactly one entry per message.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_two_hub_instances_append_to_the_audit_trail
{
    private static readonly Dictionary<string, string?> Concurrent = new()
    {
        ["Intake:ConcurrentBatches"] = "2",
        ["Intake:BatchSize"] = "20",
        ["Intake:BatchWaitMilliseconds"] = "5",
    };

    [Test]
    public async Task The_chain_stays_unbroken_with_one_entry_per_message()
    {
        await using var first = await HubUnderTest.StartAsync(Concurrent);
        await using var second = await first.StartAnotherInstanceAsync();
        await using var one = await first.AddSourceAsync("cms-one");
        await using var two = await first.AddSourceAsync("cms-two");
        var messagesOne = Fragments.Story(one.SourceId, children: 40);
        var messagesTwo = Fragments.Story(two.SourceId, children: 40);

        await Task.WhenAll(
            Task.Run(async () =>
            {
                foreach (var message in messagesOne)
                {
                    await one.PublishAsync(message.ToJsonString());
                }
            }),
            Task.Run(async () =>
            {
                foreach (var message in messagesTwo)
                {
                    await two.PublishAsync(message.ToJsonString());
                }
            }));
        await one.ReceiptsAsync(messagesOne.Count, TimeSpan.FromSeconds(90));
        await two.ReceiptsAsync(messagesTwo.Count, TimeSpan.FromSeconds(90));

        await using var db = first.Database();
        var result = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        var messageEntries = await db.Audit.CountAsync(a => a.MessageId != null);
        var positions = await db.Audit.Select(a => a.Id).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Intact, Is.True, result.Problem);
            Assert.That(messageEntries, Is.EqualTo(messagesOne.Count + messagesTwo.Count), "one entry per message, none lost, none doubled");
            Assert.That(positions.Order(), Is.EqualTo(Enumerable.Range(1, positions.Count).Select(i => (long)i)), "positions 1..n without gaps");
        });
    }
}
