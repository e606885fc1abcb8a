using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>
/// Issue 4, ADR 0013: "a hub-issued child id if the source holds one" comes first. The receipt of an accepted message
/// tells the source the hub child id of the record its data is linked to; a fragment carrying it links to that record
/// deterministically, whatever else changed, unless sex and date of birth both contradict it (held for review). An
/// id the hub does not know is ignored, and an archived old identity's id never reaches the new identity's record.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_fragment_carries_its_hub_child_id
{
    private HubUnderTest _hub = null!;
    private SourceClient _registration = null!;
    private SourceClient _cms = null!;
    private SourceClient _control = null!;

    [SetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync();
        _registration = await _hub.AddSourceAsync("registration");
        _cms = await _hub.AddSourceAsync("cms-bradford");
        _control = await _hub.AddSourceAsync("cms-control");
    }

    [TearDown]
    public async Task Stop()
    {
        await _registration.DisposeAsync();
        await _cms.DisposeAsync();
        await _control.DisposeAsync();
        await _hub.DisposeAsync();
    }

    /// <summary>The child renamed, moved, at another school, with no NHS number or UPN: only date of birth and sex still agree.</summary>
    private static JsonObject Renamed(string sourceId, string childId) => Linked.Demographics(sourceId, childId)
        .With("child.givenName", "Kayleigh").With("child.familyName", "Ashworth")
        .With("child.nhsNumber", null).With("child.upn", null).With("child.school", null)
        .With("child.address", new JsonObject { ["lines"] = new JsonArray("4 Mill Lane", "Bradford"), ["postcode"] = "BD1 1AA" });

    [Test]
    public async Task The_receipt_names_the_record_and_a_fragment_carrying_it_links_there_despite_a_new_name_and_no_nhs_number()
    {
        var first = await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        var child = await Linked.ChildOfAsync(_hub, _registration.SourceId);
        Assert.That(first.HubChildId, Is.EqualTo(child).And.Not.Null, "the receipt tells the source its hub child id");

        var receipt = await _cms.SendAndSettleAsync(Renamed(_cms.SourceId, "K-1").With("child.hubChildId", child.ToString()));
        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted), JsonSerializer.Serialize(receipt, HubJson.Options));

        await using var db = _hub.Database();
        var link = await db.Set<ChildLink>().Join(db.ChildFragments, l => l.FragmentId, f => f.Id, (l, f) => new { Link = l, f.SourceId })
            .Where(x => x.SourceId == _cms.SourceId).Select(x => x.Link).SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted));
            Assert.That(receipt.HubChildId, Is.EqualTo(child));
            Assert.That(link.ChildId, Is.EqualTo(child));
            Assert.That(link.Method, Is.EqualTo("hubChildId"), "decided by the id, not by the details");
        });
        Assert.That((await Linked.AuditAsync(_hub, "fragment.linked")).Last().Detail, Does.Contain("hubChildId").And.Contain("evidence"));
    }

    [Test]
    public async Task Without_the_id_the_same_changed_details_are_a_child_of_their_own()
    {
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        var child = await Linked.ChildOfAsync(_hub, _registration.SourceId);

        var receipt = await _control.SendAndSettleAsync(Renamed(_control.SourceId, "X-1"));

        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted));
        Assert.That(receipt.HubChildId, Is.Not.EqualTo(child).And.EqualTo(await Linked.ChildOfAsync(_hub, _control.SourceId, "X-1")));
    }

    [Test]
    public async Task A_hub_child_id_whose_record_has_a_different_sex_and_date_of_birth_is_held_for_review()
    {
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        var child = await Linked.ChildOfAsync(_hub, _registration.SourceId);

        var receipt = await _cms.SendAndSettleAsync(Renamed(_cms.SourceId, "K-2")
            .With("child.gender", "male").With("child.dateOfBirth", "2009-01-01").With("child.hubChildId", child.ToString()));

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Held));
            Assert.That(receipt.Reasons.Single().Code, Is.EqualTo("matching.possibleMatch"));
            Assert.That(receipt.HubChildId, Is.Null, "a held message names no record");
        });
        Assert.That(await Linked.ChildOfAsync(_hub, _cms.SourceId, "K-2"), Is.Null);
        await using var db = _hub.Database();
        var item = await db.Set<ReviewItem>().SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(item.Reason, Does.Contain("same hub child id, but sex and date of birth both differ"));
            Assert.That(item.CandidatesJson, Does.Contain(child.ToString()));
        });
    }

    [Test]
    public async Task An_unknown_hub_child_id_is_ignored_and_the_fragment_linked_by_its_details()
    {
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        var child = await Linked.ChildOfAsync(_hub, _registration.SourceId);

        var receipt = await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId, "K-3").With("child.hubChildId", Guid.NewGuid().ToString()));

        Assert.Multiple(async () =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted));
            Assert.That(receipt.HubChildId, Is.EqualTo(child), "linked by NHS number, and told the right id");
            Assert.That(await Linked.ChildOfAsync(_hub, _cms.SourceId, "K-3"), Is.EqualTo(child));
            Assert.That(await Linked.AuditAsync(_hub, "fragment.hubChildIdUnknown"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task The_id_of_an_old_identity_never_reaches_the_new_identitys_record()
    {
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        var old = await Linked.ChildOfAsync(_hub, _registration.SourceId);
        using var http = await Linked.HttpAsync(_hub);
        var created = await http.PostAsync(new Uri($"/api/children/{old}/new-identity", UriKind.Relative), null);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        var fresh = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("newChildId").GetGuid();

        // A source still holding the old id: told to stop, linked to nothing.
        var stale = await _cms.SendAndSettleAsync(Linked.Demographics(_cms.SourceId, "K-4").With("child.hubChildId", old.ToString()));
        // The new identity's id, given to a source by the administrator: the new record's first data.
        var renamed = await _control.SendAndSettleAsync(Renamed(_control.SourceId, "N-1").With("child.hubChildId", fresh.ToString()));

        Assert.Multiple(async () =>
        {
            Assert.That((stale.Status, stale.Reasons.Single().Code), Is.EqualTo((ReceiptStatus.Rejected, LinkingBatch.StopSendingCode)));
            Assert.That(stale.HubChildId, Is.Null);
            Assert.That(await Linked.ChildOfAsync(_hub, _cms.SourceId, "K-4"), Is.Null);
            Assert.That((renamed.Status, renamed.HubChildId), Is.EqualTo((ReceiptStatus.Accepted, (Guid?)fresh)));
            Assert.That(await Linked.ChildOfAsync(_hub, _control.SourceId, "N-1"), Is.EqualTo(fresh));
        });
        await using var db = _hub.Database();
        Assert.That(await db.Set<ChildLink>().CountAsync(l => l.ChildId == fresh), Is.EqualTo(1), "nothing of the old identity on the new record");
    }
}
