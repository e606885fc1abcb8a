using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Pipeline.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Intake;

/// <summary>
/// Scale-out: two hub processes consume hub.intake at once, each storing two batches at a time, so the
/// same child and the same message id meet in concurrent transactions. The database decides; the loser
/// retries; nothing is lost, doubled or dead-lettered.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_two_hub_instances_share_the_intake
{
    [Test]
    public async Task A_shuffled_stream_with_duplicates_ends_as_the_ordered_stream_with_every_message_accounted_for()
    {
        await using var first = await HubUnderTest.StartAsync(new Dictionary<string, string?>(HubUnderTest.ConcurrentIntake));
        await using var second = await first.StartAnotherInstanceAsync();
        await using var ordered = await first.AddSourceAsync("cms-ordered");
        await using var shuffled = await first.AddSourceAsync("cms-shuffled");
        var inOrder = Fragments.Story(ordered.SourceId, children: 30);
        var outOfOrder = Fragments.Shuffled(Fragments.Story(shuffled.SourceId, children: 30), duplicates: 60, new Random(7));

        var publishing = Task.WhenAll(
            Task.Run(async () =>
            {
                foreach (var message in inOrder)
                {
                    await ordered.PublishAsync(message.ToJsonString());
                }
            }),
            Task.Run(async () =>
            {
                foreach (var message in outOfOrder)
                {
                    await shuffled.PublishAsync(message.ToJsonString());
                }
            }));
        await publishing;
        await ordered.FinalReceiptsAsync(inOrder.Select(m => (string)m["messageId"]!), TimeSpan.FromSeconds(60));
        await shuffled.FinalReceiptsAsync(outOfOrder.Select(m => (string)m["messageId"]!), TimeSpan.FromSeconds(60), deliveries: outOfOrder.Count);

        Assert.That(await first.StateOfAsync(shuffled.SourceId), Is.EqualTo(await first.StateOfAsync(ordered.SourceId)));
        var statistics = first.Services.GetRequiredService<IntakeStatistics>();
        Dictionary<string, SourceCounts> counts = [];
        // A receipt goes out after its batch commits; the other instance's last commit may trail its receipt by a moment.
        await Eventually.TrueAsync(async () =>
        {
            counts = (await statistics.CountsAsync()).ToDictionary(c => c.Source);
            return counts.TryGetValue(shuffled.SourceId, out var c) && c.Deliveries == outOfOrder.Count;
        }, "every delivery of the shuffled stream is counted", TimeSpan.FromSeconds(30));
        await using var db = first.Database();
        Assert.Multiple(async () =>
        {
            Assert.That(counts[shuffled.SourceId].Deliveries, Is.EqualTo(outOfOrder.Count));
            Assert.That(counts[shuffled.SourceId].Messages, Is.EqualTo(inOrder.Count));
            // Two consumers can take one child's messages out of order even from an ordered publisher, so some
            // are answered sequence.superseded; each still ends in exactly one outcome.
            Assert.That(counts[ordered.SourceId].Deliveries, Is.EqualTo(inOrder.Count));
            Assert.That(counts[ordered.SourceId].Messages, Is.EqualTo(inOrder.Count));
            Assert.That(await db.DeadLetters.CountAsync(), Is.Zero, "a conflict between instances is retried, never dead-lettered");
        });
    }
}
