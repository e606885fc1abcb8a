using IntegrationHub.Contracts;
using IntegrationHub.Host.Scheduling;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>
/// Issue 4: "a periodic duplicate-detection pass finds and queues for review any that slip through". Two sources
/// describe one child; the two fragments end up on two child records (here: the second link is split off by hand,
/// as a wrong review resolution or an older hub version would leave it). The duplicate detection queues the pair
/// once, naming the younger record's fragment, and a second run queues nothing more.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_duplicate_child_records_slip_through
{
    private HubUnderTest _hub = null!;
    private SourceClient _registration = null!;
    private SourceClient _cms = null!;

    [SetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync();
        _registration = await _hub.AddSourceAsync("registration");
        _cms = await _hub.AddSourceAsync("cms-leeds");
    }

    [TearDown]
    public async Task Stop()
    {
        await _registration.DisposeAsync();
        await _cms.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task The_pair_is_queued_for_review_once()
    {
        Assert.That((await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId))).Status, Is.EqualTo(ReceiptStatus.Accepted));
        Assert.That((await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId))).Status, Is.EqualTo(ReceiptStatus.Accepted));
        var original = await Linked.ChildOfAsync(_hub, _registration.SourceId);
        Assert.That(await Linked.ChildOfAsync(_hub, _cms.SourceId), Is.EqualTo(original).And.Not.Null, "linked live, before the split");

        var duplicate = await SplitOffAsync(_cms.SourceId);
        var runner = _hub.Services.GetRequiredService<DuplicateDetectionRunner>();
        var first = await runner.RunAsync(CancellationToken.None);
        var second = await runner.RunAsync(CancellationToken.None);

        await using var db = _hub.Database();
        var items = await db.Set<ReviewItem>().Where(r => r.Reason.StartsWith(DuplicateDetectionRunner.ReasonPrefix)).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(1));
            Assert.That(second, Is.Zero, "a second run files no second item for the same pair");
            Assert.That(items, Has.Count.EqualTo(1));
            Assert.That(items[0].Id, Is.EqualTo(DuplicateDetectionRunner.ItemId(original!.Value, duplicate)));
            Assert.That(items[0].Status, Is.EqualTo(ReviewStatus.Open));
            Assert.That(items[0].SourceId, Is.EqualTo(_cms.SourceId), "names the fragment of the younger record");
            Assert.That(items[0].CandidatesJson, Does.Contain(original.Value.ToString()).And.Contain("evidence"));
        });
        var audit = await Linked.AuditAsync(_hub, "duplicate.queued");
        Assert.That(audit, Has.Count.EqualTo(1));
    }

    /// <summary>Moves the source's fragment to a new child record with the same best view: a duplicate that slipped through.</summary>
    [Test]
    public async Task Its_review_item_is_closed_as_two_children_and_a_merge_is_refused_for_now()
    {
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId));
        var original = await Linked.ChildOfAsync(_hub, _registration.SourceId);
        await SplitOffAsync(_cms.SourceId);
        await _hub.Services.GetRequiredService<DuplicateDetectionRunner>().RunAsync(CancellationToken.None);
        Guid item;
        await using (var db = _hub.Database())
        {
            item = (await db.Set<ReviewItem>().SingleAsync()).Id;
        }

        using var http = await Linked.HttpAsync(_hub);
        using var merge = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, $"/api/review/{item}/link", new { childId = original });
        using var apart = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, $"/api/review/{item}/new", new { note = "twins" });

        await using var check = _hub.Database();
        Assert.Multiple(async () =>
        {
            Assert.That(merge.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
            Assert.That(await merge.Content.ReadAsStringAsync(), Does.Contain("merging child records is not built yet"));
            Assert.That(apart.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await apart.Content.ReadAsStringAsync());
            Assert.That((await check.Set<ReviewItem>().SingleAsync()).Status, Is.EqualTo(ReviewStatus.Resolved));
            Assert.That(await check.Set<ChildRecord>().CountAsync(), Is.EqualTo(2), "kept apart: no record created or removed");
        });
    }

    private async Task<Guid> SplitOffAsync(string sourceId)
    {
        await using var db = _hub.Database();
        var link = await db.Set<ChildLink>()
            .Join(db.ChildFragments, l => l.FragmentId, f => f.Id, (l, f) => new { Link = l, f.SourceId })
            .Where(x => x.SourceId == sourceId)
            .Select(x => x.Link)
            .SingleAsync();
        var original = await db.Set<ChildRecord>().AsNoTracking().SingleAsync(c => c.Id == link.ChildId);
        var copy = new ChildRecord { BestViewJson = original.BestViewJson, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.Set<ChildRecord>().Add(copy);
        link.ChildId = copy.Id;
        await db.SaveChangesAsync();
        return copy.Id;
    }
}
