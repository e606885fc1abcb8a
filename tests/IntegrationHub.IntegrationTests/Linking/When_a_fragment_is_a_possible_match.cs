using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>
/// A CMS sends a child with the NHS number of a known child but a different sex and date of birth: the strong
/// identifier is contradicted, so the fragment is held for a data administrator, who links it, makes a new record,
/// or reports it back to the source as unusable.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_fragment_is_a_possible_match
{
    private HubUnderTest _hub = null!;
    private SourceClient _known = null!;
    private SourceClient _doubtful = null!;

    [SetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync();
        _known = await _hub.AddSourceAsync("registration");
        _doubtful = await _hub.AddSourceAsync("cms-doubtful");
        await _known.SendAndSettleAsync(Linked.Demographics(_known.SourceId));
    }

    [TearDown]
    public async Task Stop()
    {
        await _known.DisposeAsync();
        await _doubtful.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private Task<Receipt> SendContradictedAsync() => _doubtful.SendAndSettleAsync(Fragments.Start(_doubtful.SourceId, "D-7")
        .With("child.gender", "male").With("child.dateOfBirth", "2009-01-01").With("child.upn", null)
        // Older than the registration source's data, so once linked the best view keeps the registration's values.
        .ProducedAt(DateTimeOffset.UtcNow.AddDays(-1)));

    private async Task<JsonElement> OnlyReviewItemAsync()
    {
        using var http = await Linked.HttpAsync(_hub);
        var items = await http.GetFromJsonAsync<JsonElement>("/api/review");
        Assert.That(items.GetArrayLength(), Is.EqualTo(1));
        return items[0];
    }

    [Test]
    public async Task It_cannot_be_linked_to_a_child_whose_record_was_archived_meanwhile()
    {
        await SendContradictedAsync();
        var item = await OnlyReviewItemAsync();
        var known = await Linked.ChildOfAsync(_hub, _known.SourceId);
        using var http = await Linked.HttpAsync(_hub);
        var archived = await http.PostAsJsonAsync($"/api/children/{known}/left-england", new { confirmedBy = "Leeds City Council", destination = "Scotland" });
        Assert.That(archived.StatusCode, Is.EqualTo(HttpStatusCode.OK), await archived.Content.ReadAsStringAsync());

        var response = await http.PostAsJsonAsync($"/api/review/{item.GetProperty("id").GetString()}/link", new { childId = known });

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("archived"));
            Assert.That(await Linked.ChildOfAsync(_hub, _doubtful.SourceId, "D-7"), Is.Null, "still not linked: the item stays open for a new record or unusable");
        });
    }

    [Test]
    public async Task It_is_held_counted_as_held_and_listed_for_review_with_candidates_and_evidence()
    {
        var receipt = await SendContradictedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Held));
            Assert.That(receipt.Reasons.Single().Code, Is.EqualTo("matching.possibleMatch"));
        });

        var counts = (await _hub.Services.GetRequiredService<IntakeStatistics>().CountsAsync()).Single(c => c.Source == _doubtful.SourceId);
        Assert.That((counts.Held, counts.Applied), Is.EqualTo((1, 0)));
        Assert.That(await Linked.ChildOfAsync(_hub, _doubtful.SourceId, "D-7"), Is.Null, "not linked to anything while held");

        var item = await OnlyReviewItemAsync();
        var known = await Linked.ChildOfAsync(_hub, _known.SourceId);
        var candidate = item.GetProperty("candidates")[0];
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("sourceChildId").GetString(), Is.EqualTo("D-7"));
            Assert.That(item.GetProperty("reason").GetString(), Does.Contain("sex and date of birth both differ"));
            Assert.That(candidate.GetProperty("child").GetString(), Is.EqualTo(known.ToString()));
            Assert.That(candidate.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("comparator").GetString()), Does.Contain("date_of_birth"));
        });
        Assert.That((await Linked.AuditAsync(_hub, "fragment.held")).Single().Detail, Does.Contain("evidence"));
    }

    [Test]
    public async Task Linking_it_to_the_candidate_joins_the_child_and_tells_the_source()
    {
        var held = await SendContradictedAsync();
        var item = await OnlyReviewItemAsync();
        var known = await Linked.ChildOfAsync(_hub, _known.SourceId);

        using var http = await Linked.HttpAsync(_hub);
        var response = await http.PostAsJsonAsync($"/api/review/{item.GetProperty("id").GetString()}/link", new { childId = known });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        // The held message's final receipt, and its one outcome moves from held to applied.
        var final = await _doubtful.NextReceiptAsync();
        Assert.That((final.InReplyTo, final.Status, final.Duplicate), Is.EqualTo((held.InReplyTo, ReceiptStatus.Accepted, false)));
        var counts = (await _hub.Services.GetRequiredService<IntakeStatistics>().CountsAsync()).Single(c => c.Source == _doubtful.SourceId);
        Assert.That((counts.Applied, counts.Held), Is.EqualTo((1, 0)));

        var (type, raw) = await _doubtful.NextNoticeAsync();
        Assert.That(type, Is.EqualTo(ReviewOutcome.Type));
        Assert.That(JsonSerializer.Deserialize<ReviewOutcome>(raw, HubJson.Options)!.Resolution, Is.EqualTo(ReviewResolutionKind.Linked));
        Assert.That(await Linked.ChildOfAsync(_hub, _doubtful.SourceId, "D-7"), Is.EqualTo(known));
        // Its sex and date of birth now disagree with the child's best view.
        var mismatch = await _doubtful.NextMismatchAsync();
        Assert.That(mismatch.Items, Is.EquivalentTo(new[] { "dateOfBirth", "gender" }));
        Assert.That((await Linked.AuditAsync(_hub, "review.resolved")).Single().Actor, Is.EqualTo("ada.admin"));

        var again = await http.PostAsJsonAsync($"/api/review/{item.GetProperty("id").GetString()}/new", new { });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Creating_a_new_record_gives_it_a_child_of_its_own()
    {
        await SendContradictedAsync();
        var item = await OnlyReviewItemAsync();
        using var http = await Linked.HttpAsync(_hub);
        var response = await http.PostAsJsonAsync($"/api/review/{item.GetProperty("id").GetString()}/new", new { });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _doubtful.NextReceiptAsync()).Status, Is.EqualTo(ReceiptStatus.Accepted));

        var (type, raw) = await _doubtful.NextNoticeAsync();
        Assert.That(JsonSerializer.Deserialize<ReviewOutcome>(raw, HubJson.Options)!.Resolution, Is.EqualTo(ReviewResolutionKind.NewRecord), type);
        Assert.That(await Linked.ChildRecordsAsync(_hub), Is.EqualTo(2));
        Assert.That(await Linked.ChildOfAsync(_hub, _doubtful.SourceId, "D-7"), Is.Not.EqualTo(await Linked.ChildOfAsync(_hub, _known.SourceId)).And.Not.Null);
    }

    [Test]
    public async Task Reporting_it_as_unusable_sends_the_administrators_message_to_the_source_and_links_nothing()
    {
        await SendContradictedAsync();
        var item = await OnlyReviewItemAsync();
        using var http = await Linked.HttpAsync(_hub);
        var response = await http.PostAsJsonAsync($"/api/review/{item.GetProperty("id").GetString()}/unusable", new { note = "Sex and date of birth do not fit the NHS number; please check them." });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var final = await _doubtful.NextReceiptAsync();
        Assert.That((final.Status, final.Reasons.Single().Code), Is.EqualTo((ReceiptStatus.Rejected, "matching.unusable")));
        var (_, raw) = await _doubtful.NextNoticeAsync();
        var outcome = JsonSerializer.Deserialize<ReviewOutcome>(raw, HubJson.Options)!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Resolution, Is.EqualTo(ReviewResolutionKind.Unusable));
            Assert.That(outcome.SourceChildId, Is.EqualTo("D-7"));
            Assert.That(outcome.Message, Does.Contain("please check"));
        });
        Assert.That(await Linked.ChildOfAsync(_hub, _doubtful.SourceId, "D-7"), Is.Null);
        await using (var db = _hub.Database())
        {
            Assert.That(await db.Set<ReviewItem>().CountAsync(r => r.Status == ReviewStatus.Open), Is.Zero);
        }

        // A message with the same details: rejected, not matched or queued again.
        var update = await _doubtful.SendAndSettleAsync(Fragments.Start(_doubtful.SourceId, "D-7", provision: "Youth service", startDate: "2025-06-01")
            .AsYouthService().With("child.gender", "male").With("child.dateOfBirth", "2009-01-01").With("child.upn", null)
            .ProducedAt(DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.That((update.Status, update.Reasons.Single().Code), Is.EqualTo((ReceiptStatus.Rejected, "matching.reportedUnusable")));
        await using (var db = _hub.Database())
        {
            Assert.That(await db.Set<ReviewItem>().CountAsync(r => r.Status == ReviewStatus.Open), Is.Zero);
        }

        // Corrected details: matched afresh (the registration's child, by NHS number).
        var corrected = await _doubtful.SendAndSettleAsync(Fragments.Start(_doubtful.SourceId, "D-7", provision: "Youth service", startDate: "2025-06-01")
            .As(UpdateInvolvement.Type).AsYouthService().With("child.upn", null));
        Assert.That(corrected.Status, Is.EqualTo(ReceiptStatus.Accepted));
        Assert.That(await Linked.ChildOfAsync(_hub, _doubtful.SourceId, "D-7"), Is.EqualTo(await Linked.ChildOfAsync(_hub, _known.SourceId)));
    }
}
