using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Persistence.Replies;
using IntegrationHub.Pipeline.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationHub.IntegrationTests.Lifecycle.LifecycleScenario;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>
/// A held fragment's source waits for the final receipt and the review outcome; it will not resend to get them. Both are
/// written to the reply outbox with the decision (ADR 0012), so a hub that stops between the commit and the send still
/// delivers them: here the decision is committed and its replies dropped, and the sweep sends them.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_review_decision_is_not_sent_after_its_commit
{
    [Test]
    public async Task The_sweep_delivers_the_final_receipt_and_the_review_outcome()
    {
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Replies:OutboxSweepSeconds"] = "1",
            ["Replies:OutboxGraceSeconds"] = "3",
        });
        await using var known = await hub.AddSourceAsync("registration");
        await using var doubtful = await hub.AddSourceAsync("cms-doubtful");
        await known.SendAndSettleAsync(Linked.Demographics(known.SourceId));
        var held = await doubtful.SendAndSettleAsync(Fragments.Start(doubtful.SourceId, "D-7")
            .With("child.gender", "male").With("child.dateOfBirth", "2009-01-01").With("child.upn", null));
        Guid item;
        await using (var db = hub.Database())
        {
            item = (await db.Set<ReviewItem>().SingleAsync()).Id;
        }

        // Committed; the process "dies" before sending: the replies it returns are dropped.
        var resolved = await hub.Services.GetRequiredService<ReviewService>().ResolveAsync(item, ReviewResolution.NewRecord, null, "ada.admin", null, CancellationToken.None);
        var final = await doubtful.NextReceiptAsync(TimeSpan.FromSeconds(20));
        var outcome = await NextNoticeAsync(doubtful, ReviewOutcome.Type, TimeSpan.FromSeconds(20));
        List<OutboxReply> rows;
        await using (var db = hub.Database())
        {
            rows = await Eventually.ValueAsync(async () => await db.Set<OutboxReply>().AsNoTracking().Where(r => r.SourceId == doubtful.SourceId).ToListAsync() is { Count: > 0 } r && r.All(x => x.SentAt is not null) ? r : null);
        }

        Assert.Multiple(() =>
        {
            Assert.That(held.Status, Is.EqualTo(ReceiptStatus.Held));
            Assert.That(resolved.Status, Is.EqualTo(ReviewResolutionStatus.Resolved));
            Assert.That((final.Status, final.InReplyTo), Is.EqualTo((ReceiptStatus.Accepted, held.InReplyTo)), "the final receipt of the held message");
            Assert.That(final.HubChildId, Is.EqualTo(resolved.ChildId));
            Assert.That(outcome.GetProperty("resolution").GetString(), Is.EqualTo("newRecord"));
            Assert.That(rows.Select(r => r.MessageType), Is.EquivalentTo(new[] { Receipt.Type, ReviewOutcome.Type }), "both went through the outbox, and are marked sent");
        });
    }
}
