using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Pipeline.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Intake;

[TestFixture]
[NonParallelizable]
public class When_messages_repeat_or_arrive_out_of_order
{
    private HubUnderTest _hub = null!;

    [OneTimeSetUp]
    public async Task Start() => _hub = await HubUnderTest.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [Test]
    public async Task The_same_message_id_delivered_three_times_is_applied_once()
    {
        await using var source = await _hub.AddSourceAsync("cms-dup");
        var fragment = Fragments.Start(source.SourceId, "C-dup").ToJsonString();

        for (var i = 0; i < 3; i++)
        {
            await source.PublishAsync(fragment);
        }

        var receipts = await source.ReceiptsAsync(3);
        Assert.Multiple(() =>
        {
            Assert.That(receipts.Select(r => r.Status), Is.All.EqualTo(ReceiptStatus.Accepted));
            Assert.That(receipts.Count(r => !r.Duplicate), Is.EqualTo(1), "one original receipt, the rest marked duplicate");
        });

        await using var db = _hub.Database();
        var processed = await db.ProcessedMessages.SingleAsync(p => p.SourceId == source.SourceId);
        Assert.Multiple(async () =>
        {
            Assert.That(processed.Deliveries, Is.EqualTo(3));
            Assert.That(await db.Involvements.CountAsync(i => db.ChildFragments.Any(f => f.Id == i.ChildFragmentId && f.SourceId == source.SourceId)), Is.EqualTo(1));
            Assert.That(await db.Audit.CountAsync(a => a.SourceId == source.SourceId && a.Action == StartInvolvement.Type), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_older_sequence_arriving_late_is_not_applied_over_a_newer_one()
    {
        await using var source = await _hub.AddSourceAsync("cms-late");
        var start = Fragments.Start(source.SourceId, "C-late", sequence: 10);
        var update = start.As(UpdateInvolvement.Type, sequence: 20).With("child.address.postcode", "LS6 2QT");
        var late = start.As(UpdateInvolvement.Type, sequence: 15).With("child.address.postcode", "M1 1AE");

        Assert.That((await source.SendAsync(start.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));
        Assert.That((await source.SendAsync(update.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));
        var receipt = await source.SendAsync(late.ToJsonString());

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(receipt.Reasons.Single().Code, Is.EqualTo("sequence.superseded"));
            Assert.That(receipt.Reasons.Single().Message, Does.Contain("20").And.Contain("15"));
        });
        await using var db = _hub.Database();
        Assert.That((await db.ChildFragments.SingleAsync(f => f.SourceId == source.SourceId)).Postcode, Is.EqualTo("LS6 2QT"));
    }

    [Test]
    public async Task A_shuffled_stream_with_duplicates_ends_in_the_same_state_as_the_ordered_stream_and_the_counts_reconcile()
    {
        await using var ordered = await _hub.AddSourceAsync("cms-ordered");
        await using var shuffled = await _hub.AddSourceAsync("cms-shuffled");
        var random = new Random(20261123);

        var inOrder = Fragments.Story(ordered.SourceId, children: 12);
        var outOfOrder = Fragments.Shuffled(Fragments.Story(shuffled.SourceId, children: 12), duplicates: 20, random);

        foreach (var message in inOrder)
        {
            await ordered.PublishAsync(message.ToJsonString());
        }

        foreach (var message in outOfOrder)
        {
            await shuffled.PublishAsync(message.ToJsonString());
        }

        await ordered.FinalReceiptsAsync(inOrder.Select(m => (string)m["messageId"]!));
        await shuffled.FinalReceiptsAsync(inOrder.Select(m => (string)m["messageId"]!), deliveries: outOfOrder.Count);

        Assert.That(await _hub.StateOfAsync(shuffled.SourceId), Is.EqualTo(await _hub.StateOfAsync(ordered.SourceId)));

        var counts = (await _hub.Services.GetRequiredService<IntakeStatistics>().CountsAsync()).ToDictionary(c => c.Source);
        Assert.Multiple(() =>
        {
            Assert.That(counts[ordered.SourceId].Deliveries, Is.EqualTo(inOrder.Count));
            Assert.That(counts[ordered.SourceId].Applied, Is.EqualTo(inOrder.Count));
            Assert.That(counts[shuffled.SourceId].Deliveries, Is.EqualTo(outOfOrder.Count), "every delivery is accounted for");
            Assert.That(counts[shuffled.SourceId].Messages, Is.EqualTo(inOrder.Count), "each distinct message ends in exactly one outcome");
            Assert.That(counts[shuffled.SourceId].DuplicateDeliveries, Is.EqualTo(20));
        });
    }
}
