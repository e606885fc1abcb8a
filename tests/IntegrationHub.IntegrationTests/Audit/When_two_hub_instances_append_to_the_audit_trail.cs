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
    [Test]
    public async Task The_chain_stays_unbroken_with_one_entry_per_message()
    {
        await using var first = await HubUnderTest.StartAsync(new Dictionary<string, string?>(HubUnderTest.ConcurrentIntake));
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
        await one.FinalReceiptsAsync(messagesOne.Select(m => (string)m["messageId"]!), TimeSpan.FromSeconds(90));
        await two.FinalReceiptsAsync(messagesTwo.Select(m => (string)m["messageId"]!), TimeSpan.FromSeconds(90));

        await using var db = first.Database();
        var result = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        // An update that overtook its start on the other instance is held first (one entry), then released (its final entry).
        var finalEntries = await db.Audit.Where(a => a.MessageId != null && a.Outcome != "held")
            .GroupBy(a => new { a.SourceId, a.MessageId })
            .Select(g => g.Count())
            .ToListAsync();
        var positions = await db.Audit.Select(a => a.Id).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Intact, Is.True, result.Problem);
            Assert.That(finalEntries, Has.Count.EqualTo(messagesOne.Count + messagesTwo.Count), "every message has its final outcome audited");
            Assert.That(finalEntries, Is.All.EqualTo(1), "one final entry per message, none doubled");
            Assert.That(positions.Order(), Is.EqualTo(Enumerable.Range(1, positions.Count).Select(i => (long)i)), "positions 1..n without gaps");
        });
    }
}
