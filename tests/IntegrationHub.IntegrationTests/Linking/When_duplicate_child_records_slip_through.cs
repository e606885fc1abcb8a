using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
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
/// once, naming the younger record's fragment, and a second run queues nothing more. A data administrator resolves
/// the item: "link" merges the two records (ADR 0013), "new record" keeps them apart.
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

    [Test]
    public async Task Resolving_it_as_link_merges_the_younger_record_into_the_older_and_the_younger_id_leads_there()
    {
        var (original, duplicate, item) = await TwoRecordsOfOneChildAsync();

        using var http = await Linked.HttpAsync(_hub);
        using var merge = await http.PostAsJsonAsync($"/api/review/{item}/link", new { childId = original });
        Assert.That(merge.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merge.Content.ReadAsStringAsync());
        Assert.That((await merge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("childId").GetGuid(), Is.EqualTo(original));

        await using (var db = _hub.Database())
        {
            var record = await db.Set<ChildRecord>().SingleAsync();
            var view = JsonSerializer.Deserialize<ChildView>(record.BestViewJson, HubJson.Options)!;
            var links = await db.Set<ChildLink>().ToListAsync();
            Assert.Multiple(async () =>
            {
                Assert.That(record.Id, Is.EqualTo(original), "one record remains: the older");
                Assert.That(links.Select(l => l.ChildId), Is.EqualTo(new[] { original, original }), "every link on it");
                Assert.That(view.Details.PreferredName, Is.EqualTo("Kel"), "re-assembled from the younger record's fragment too");
                Assert.That(view.ChosenFrom.Values.Distinct(), Is.EquivalentTo(new[] { _registration.SourceId, _cms.SourceId }), "chosen from both sources");
                Assert.That(view.ChosenFrom["school"], Is.EqualTo(_registration.SourceId));
                Assert.That((await db.Set<ReviewItem>().SingleAsync()).Status, Is.EqualTo(ReviewStatus.Resolved));
            });
        }

        var merged = (await Linked.AuditAsync(_hub, "child.merged")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(merged.Actor, Is.EqualTo("ada.admin"));
            Assert.That(merged.Detail, Does.Contain(original.ToString()).And.Contain(duplicate.ToString()).And.Contain("probability").And.Contain("evidence"));
            Assert.That(merged.Detail, Does.Not.Contain("Kelly").And.Not.Contain("4857773457"), "ids and evidence levels, never the child's data");
        });

        // The retired id still leads to the child: through the read API and through a fragment that carries it.
        using var read = await http.GetAsync($"/api/children/{duplicate}?reason=merge+check");
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), await read.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That((await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("childId").GetGuid(), Is.EqualTo(original));
            Assert.That(read.Content.Headers.ContentLocation?.ToString(), Is.EqualTo($"/api/children/{original}"));
        });

        // Another authority's data manager learns nothing from the old id either: exactly as a missing child.
        using var elsewhere = await Linked.HttpAsync(_hub, "bea.bradford", "Bradford");
        using var outside = await elsewhere.GetAsync($"/api/children/{duplicate}?reason=merge+check");
        Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(outside.Content.Headers.ContentLocation, Is.Null);

        var renamed = await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId, "C-9")
            .With("child.givenName", "Kayleigh").With("child.familyName", "Ashworth").With("child.nhsNumber", null).With("child.upn", null)
            .With("child.hubChildId", duplicate.ToString()));
        Assert.Multiple(async () =>
        {
            Assert.That((renamed.Status, renamed.HubChildId), Is.EqualTo((ReceiptStatus.Accepted, (Guid?)original)));
            Assert.That(await Linked.ChildOfAsync(_hub, _cms.SourceId, "C-9"), Is.EqualTo(original));
        });

        // The younger record's source learns the surviving id with its next receipt.
        var next = await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId).With("child.preferredName", "Kel"));
        Assert.That(next.HubChildId, Is.EqualTo(original));
    }

    [Test]
    public async Task The_administrator_may_keep_the_younger_record_and_another_hub_instance_follows_the_merge()
    {
        var (original, duplicate, item) = await TwoRecordsOfOneChildAsync();

        // The merge runs on another instance; then only this one consumes, with an index that saw none of it.
        var other = await _hub.StartAnotherInstanceAsync();
        try
        {
            using var admin = await Linked.HttpAsync(_hub);
            using var http = new HttpClient { BaseAddress = other.HttpAddress };
            http.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
            using var merge = await http.PostAsJsonAsync($"/api/review/{item}/link", new { childId = duplicate });
            Assert.That(merge.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merge.Content.ReadAsStringAsync());
        }
        finally
        {
            await other.DisposeAsync();
        }

        var again = await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId, "R-2"));
        Assert.Multiple(async () =>
        {
            Assert.That((again.Status, again.HubChildId), Is.EqualTo((ReceiptStatus.Accepted, (Guid?)duplicate)));
            Assert.That(await Linked.ChildRecordsAsync(_hub), Is.EqualTo(1), "the survivor only: no record re-created for the retired one");
            Assert.That(await Linked.ChildOfAsync(_hub, _registration.SourceId), Is.EqualTo(duplicate), "the older record's fragments moved to the kept one");
        });
        Assert.That(original, Is.Not.EqualTo(duplicate));
    }

    [Test]
    public async Task A_shielding_request_on_the_retired_record_shields_the_survivor()
    {
        var (original, duplicate, item) = await TwoRecordsOfOneChildAsync();
        var shield = await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId).With("child.shielding", "requested"));
        Assert.That(shield.HubChildId, Is.EqualTo(duplicate));
        using var http = await Linked.HttpAsync(_hub);
        using (var before = await http.GetAsync($"/api/children/{original}?reason=merge+check"))
        {
            Assert.That((await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shielded").GetBoolean(), Is.False);
        }

        using var merge = await http.PostAsJsonAsync($"/api/review/{item}/link", new { childId = original });
        Assert.That(merge.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merge.Content.ReadAsStringAsync());

        using var after = await http.GetAsync($"/api/children/{original}?reason=merge+check");
        var body = await after.Content.ReadFromJsonAsync<JsonElement>();
        await using var db = _hub.Database();
        var state = await db.Set<Persistence.Lifecycle.ChildLifecycleState>().SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("shielded").GetBoolean(), Is.True, "shielded while the retired record's source's request stands");
            Assert.That(body.GetProperty("bestView").GetProperty("details").TryGetProperty("address", out var address) ? address.ValueKind : JsonValueKind.Null,
                Is.EqualTo(JsonValueKind.Null), "no whereabouts");
            Assert.That(state.ChildId, Is.EqualTo(original), "one lifecycle row, the survivor's");
            Assert.That(state.ShieldingRequestedByJson, Does.Contain(_cms.SourceId));
        });
    }

    [Test]
    public async Task A_transfer_pending_on_the_retired_record_goes_with_it()
    {
        var (original, duplicate, item) = await TwoRecordsOfOneChildAsync();
        using var http = await Linked.HttpAsync(_hub);
        using var proposed = await http.PostAsJsonAsync($"/api/children/{duplicate}/transfers", new { toAuthority = "York" });
        Assert.That(proposed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await proposed.Content.ReadAsStringAsync());

        using var merge = await http.PostAsJsonAsync($"/api/review/{item}/link", new { childId = original });
        Assert.That(merge.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merge.Content.ReadAsStringAsync());
        await using var db = _hub.Database();
        Assert.Multiple(async () =>
        {
            Assert.That(await db.Set<ChildRecord>().Select(r => r.Id).ToListAsync(), Is.EqualTo(new[] { original }));
            Assert.That(await db.Set<Persistence.Lifecycle.AuthorityTransfer>().CountAsync(t => t.ChildId == duplicate), Is.Zero,
                "the retired record's transfers end with it; the survivor's authority stands");
        });
    }

    [Test]
    public async Task A_merge_involving_an_archived_record_is_refused_and_the_item_stays_open()
    {
        var (_, duplicate, item) = await TwoRecordsOfOneChildAsync();
        using var http = await Linked.HttpAsync(_hub);
        using var archived = await http.PostAsJsonAsync($"/api/children/{duplicate}/left-england", new { confirmedBy = "Leeds City Council", destination = "Scotland" });
        Assert.That(archived.StatusCode, Is.EqualTo(HttpStatusCode.OK), await archived.Content.ReadAsStringAsync());

        using var merge = await http.PostAsJsonAsync($"/api/review/{item}/link", new { childId = Guid.NewGuid() });
        using var merge2 = await http.PostAsJsonAsync($"/api/review/{item}/link", new { childId = duplicate });

        await using var db = _hub.Database();
        Assert.Multiple(async () =>
        {
            Assert.That(merge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a child that is neither of the two");
            Assert.That(merge2.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await merge2.Content.ReadAsStringAsync(), Does.Contain("archived"));
            Assert.That(await db.Set<ChildRecord>().CountAsync(), Is.EqualTo(2), "nothing merged");
            Assert.That(await db.Set<ChildMerge>().CountAsync(), Is.Zero);
            Assert.That((await db.Set<ReviewItem>().SingleAsync()).Status, Is.EqualTo(ReviewStatus.Open));
            Assert.That(await Linked.AuditAsync(_hub, "child.merged"), Is.Empty);
        });
    }

    [Test]
    public async Task The_review_page_offers_the_merge_and_its_form_merges()
    {
        var (original, duplicate, item) = await TwoRecordsOfOneChildAsync();
        using var admin = await Dashboard.DashboardClient.SignedInAsync(_hub, "nat-page", Persistence.Accounts.AccountRole.NationalTeam, null);

        var page = await admin.Http.GetStringAsync($"/dashboard/review/{item}?reason=weekly-duplicates");
        Assert.That(page, Does.Contain("data-duplicate").And.Contain($"Merge into candidate {original.ToString()[..8]}").And.Contain("Keep them apart"));
        using var merged = await admin.PostFormAsync($"/dashboard/review/{item}/resolve",
            new() { ["resolution"] = "link", ["childId"] = original.ToString() }, tokenFrom: "/dashboard/review");

        Assert.Multiple(async () =>
        {
            Assert.That(merged.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await Linked.ChildRecordsAsync(_hub), Is.EqualTo(1));
            Assert.That(await Linked.ChildOfAsync(_hub, _cms.SourceId), Is.EqualTo(original));
            Assert.That((await Linked.AuditAsync(_hub, "child.merged")).Single().Actor, Is.EqualTo("nat-page"));
        });
        Assert.That(duplicate, Is.Not.EqualTo(original));
    }

    [Test]
    public async Task Resolving_it_as_a_new_record_keeps_the_two_apart()
    {
        var (_, _, item) = await TwoRecordsOfOneChildAsync();
        using var http = await Linked.HttpAsync(_hub);
        using var apart = await http.PostAsJsonAsync($"/api/review/{item}/new", new { note = "twins" });

        await using var check = _hub.Database();
        Assert.Multiple(async () =>
        {
            Assert.That(apart.StatusCode, Is.EqualTo(HttpStatusCode.OK), await apart.Content.ReadAsStringAsync());
            Assert.That((await check.Set<ReviewItem>().SingleAsync()).Status, Is.EqualTo(ReviewStatus.Resolved));
            Assert.That(await check.Set<ChildRecord>().CountAsync(), Is.EqualTo(2), "kept apart: no record created or removed");
        });
    }

    /// <summary>
    /// Two records of one child with a queued duplicate item: registration's and the CMS's fragments linked live, the
    /// CMS's split off to a record of its own, then its preferred name sent without the school (only the younger record's
    /// best view has the preferred name; the school comes from the registration source alone).
    /// </summary>
    private async Task<(Guid Original, Guid Duplicate, Guid Item)> TwoRecordsOfOneChildAsync()
    {
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId));
        var original = (await Linked.ChildOfAsync(_hub, _registration.SourceId))!.Value;
        var duplicate = await SplitOffAsync(_cms.SourceId);
        var named = await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId).With("child.preferredName", "Kel").With("child.school", null));
        Assert.That(named.HubChildId, Is.EqualTo(duplicate), "the receipt names the record the fragment is on");
        Assert.That(await _hub.Services.GetRequiredService<DuplicateDetectionRunner>().RunAsync(CancellationToken.None), Is.EqualTo(1));
        await using var db = _hub.Database();
        return (original, duplicate, (await db.Set<ReviewItem>().SingleAsync()).Id);
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
