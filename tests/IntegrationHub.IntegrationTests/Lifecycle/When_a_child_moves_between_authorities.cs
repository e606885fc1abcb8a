using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using Microsoft.EntityFrameworkCore;
using static IntegrationHub.IntegrationTests.Lifecycle.LifecycleScenario;
using Linked = IntegrationHub.IntegrationTests.Linking.Linked;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// Local authority compartments (002 4.53-4.59; ADR 0011), end to end through the broker and PostgreSQL: the record is
/// assigned to the authority the child lives in (the best view's postcode, by the configured district map, here with
/// postcodes and authorities from the uk-postcodes sample); a move with only universal services takes the record along
/// at once; a move with a specialist service proposes a transfer that completes only when both authorities accept.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_a_child_moves_between_authorities
{
    private const string Leeds = "Leeds";
    private const string Tameside = "Tameside";
    private const string Newham = "Newham";
    private const string InTameside = "SK14 4PZ";

    private static readonly Dictionary<string, string?> Districts = new()
    {
        ["Lifecycle:Compartments:PostcodeDistricts:LS"] = Leeds,
        ["Lifecycle:Compartments:PostcodeDistricts:SK14"] = Tameside,
        ["Lifecycle:Compartments:PostcodeDistricts:E16"] = Newham,
    };

    private static DateOnly Born => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-9);

    /// <summary>A universal education start (a registration at a place of education, 000 4.8) about Kelly, who lives in Leeds (LS1 4DY).</summary>
    private static JsonObject SchoolStart(string sourceId) =>
        Kelly(sourceId, "PUPIL-1", Born)
            .With("involvement.serviceProvisionName", "Educational Services")
            .With("involvement.sector", "educationUniversal")
            .With("involvement.serviceType", "universal")
            .With("involvement.evidence", JsonNode.Parse("""{"education":{"registeredAtPlaceOfEducation":true}}"""))
            .With("involvement.practitioner", new JsonObject { ["name"] = "Mr B Hale", ["organisation"] = "Park View Academy" });

    private static JsonObject MovedTo(JsonObject start, string postcode) =>
        start.As(UpdateInvolvement.Type).With("child.address", new JsonObject { ["lines"] = new JsonArray("4 Market Street", "Hyde"), ["postcode"] = postcode });

    [Test]
    public async Task With_only_universal_services_the_record_follows_the_child_at_once_and_the_new_authority_may_read_it()
    {
        await using var hub = await HubUnderTest.StartAsync(Districts);
        await using var school = await hub.AddSourceAsync("school");
        using var leeds = await Linked.HttpAsync(hub, "dm.leeds", Leeds);
        using var tameside = await Linked.HttpAsync(hub, "dm.tameside", Tameside);
        var start = SchoolStart(school.SourceId);
        await AcceptedAsync(school, start);
        var child = await ChildOfAsync(hub, school.SourceId, "PUPIL-1");
        var assigned = (await StateAsync(hub, child))?.ResponsibleAuthority;
        var leedsBefore = await ReadAsync(leeds, child);
        var tamesideBefore = await ReadAsync(tameside, child);

        var moved = MovedTo(start, InTameside);
        await AcceptedAsync(school, moved);
        var after = await StateAsync(hub, child);
        var leedsAfter = await ReadAsync(leeds, child);
        var tamesideAfter = await ReadAsync(tameside, child);
        var transfers = await TransfersAsync(hub, child);

        // The same move reported again changes nothing more.
        await AcceptedAsync(school, MovedTo(start, InTameside));
        var entriesAfterRepeat = await AuditAboutAsync(hub, child, "child.authorityMoved");
        var assignments = await AuditAboutAsync(hub, child, "child.authorityAssigned");

        Assert.Multiple(() =>
        {
            Assert.That(assigned, Is.EqualTo(Leeds), "assigned where the child lives when the record is created");
            Assert.That(assignments, Has.Count.EqualTo(1));
            Assert.That(after!.ResponsibleAuthority, Is.EqualTo(Tameside), "moved with the child, no one asked");
            Assert.That(transfers.Select(t => $"{t.FromAuthority}->{t.ToAuthority} {t.Status} {t.Origin}"), Is.EqualTo(new[] { "Leeds->Tameside Completed move" }));
            Assert.That(entriesAfterRepeat, Has.Count.EqualTo(1), "one automatic move, audited once");
            Assert.That(entriesAfterRepeat.Single().Actor, Is.EqualTo("hub"));
            Assert.That(entriesAfterRepeat.Single().Detail, Does.Contain("lifecycle.compartment.universalMovesAutomatically"));
            Assert.That(entriesAfterRepeat.Single().Detail, Does.Not.Contain(Tameside).And.Not.Contain(Leeds), "the audit names no authority: it would show where the child lives");
            Assert.That(leedsBefore, Is.EqualTo(HttpStatusCode.OK), "the responsible authority reads the record");
            Assert.That(tamesideBefore, Is.EqualTo(HttpStatusCode.NotFound), "another authority does not, before the move");
            Assert.That(tamesideAfter, Is.EqualTo(HttpStatusCode.OK), "the new authority reads it after the move");
            Assert.That(leedsAfter, Is.EqualTo(HttpStatusCode.NotFound), "the old one no longer does (none of its sources holds the child)");
        });
    }

    [Test]
    public async Task With_a_specialist_service_a_transfer_is_proposed_and_the_record_moves_only_when_both_authorities_accept()
    {
        await using var hub = await HubUnderTest.StartAsync(Districts);
        await using var socialCare = await hub.AddSourceAsync("cms");
        using var leeds = await Linked.HttpAsync(hub, "dm.leeds", Leeds);
        using var tameside = await Linked.HttpAsync(hub, "dm.tameside", Tameside);
        using var newham = await Linked.HttpAsync(hub, "dm.newham", Newham);
        using var admin = await AdminAsync(hub);
        var start = Kelly(socialCare.SourceId, "SC-1", Born); // Children's Social Care: specialist and targeted
        await AcceptedAsync(socialCare, start);
        var child = await ChildOfAsync(hub, socialCare.SourceId, "SC-1");

        await AcceptedAsync(socialCare, MovedTo(start, InTameside));
        var proposed = await StateAsync(hub, child);
        var incoming = await ListAsync(tameside);
        var outgoing = await ListAsync(leeds);
        var elsewhere = await ListAsync(newham);
        var everything = await ListAsync(admin);
        var transfer = incoming.Single().GetProperty("transferId").GetGuid();
        // The move reported again proposes nothing twice.
        await AcceptedAsync(socialCare, MovedTo(start, InTameside));
        var pendingAfterRepeat = (await TransfersAsync(hub, child)).Count(t => t.Status == AuthorityTransferStatus.Pending);

        var byThird = await CallAsync(newham, $"/api/transfers/{transfer}/accept");
        var byNational = await CallAsync(admin, $"/api/transfers/{transfer}/accept");
        var afterThird = await StateAsync(hub, child);
        var byNew = await CallAsync(tameside, $"/api/transfers/{transfer}/accept");
        var byNewAgain = await CallAsync(tameside, $"/api/transfers/{transfer}/accept");
        var afterOne = await StateAsync(hub, child);
        var byOld = await CallAsync(leeds, $"/api/transfers/{transfer}/accept");
        var afterBoth = await StateAsync(hub, child);
        var lifecycle = await (await admin.GetAsync(new Uri($"/api/children/{child}/lifecycle", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        var pendingAtEnd = await ListAsync(tameside);
        var proposals = await AuditAboutAsync(hub, child, "child.transferProposed");
        var acceptances = await AuditAboutAsync(hub, child, "child.transferAccepted");
        var completions = await AuditAboutAsync(hub, child, "child.transferCompleted");
        var automatic = await AuditAboutAsync(hub, child, "child.authorityMoved");

        Assert.Multiple(() =>
        {
            Assert.That(proposed!.ResponsibleAuthority, Is.EqualTo(Leeds), "proposed: still with the old authority");
            Assert.That(incoming.Select(t => $"{t.GetProperty("fromAuthority")}->{t.GetProperty("toAuthority")} {t.GetProperty("direction")}"), Is.EqualTo(new[] { "Leeds->Tameside in" }));
            Assert.That(outgoing.Select(t => t.GetProperty("direction").GetString()), Is.EqualTo(new[] { "out" }));
            Assert.That(elsewhere, Is.Empty, "a third authority does not see the transfer");
            Assert.That(everything, Has.Count.EqualTo(1), "the national team sees every transfer");
            Assert.That(pendingAfterRepeat, Is.EqualTo(1));
            Assert.That(proposals, Has.Count.EqualTo(1));
            Assert.That(byThird.Status, Is.EqualTo(HttpStatusCode.NotFound), "a third authority's acceptance counts for nothing");
            Assert.That(byNational.Status, Is.EqualTo(HttpStatusCode.Conflict), "only the two authorities accept");
            Assert.That(afterThird!.ResponsibleAuthority, Is.EqualTo(Leeds));
            Assert.That(byNew.Status, Is.EqualTo(HttpStatusCode.OK), byNew.Body);
            Assert.That(byNewAgain.Status, Is.EqualTo(HttpStatusCode.OK), "accepting twice is harmless");
            Assert.That(afterOne!.ResponsibleAuthority, Is.EqualTo(Leeds), "one acceptance is not enough");
            Assert.That(byOld.Status, Is.EqualTo(HttpStatusCode.OK), byOld.Body);
            Assert.That(JsonDocument.Parse(byOld.Body).RootElement.GetProperty("status").GetString(), Is.EqualTo("Completed"));
            Assert.That(afterBoth!.ResponsibleAuthority, Is.EqualTo(Tameside), "moved once both accepted");
            Assert.That(lifecycle.GetProperty("responsibleAuthority").GetString(), Is.EqualTo(Tameside), "shown in the lifecycle view");
            Assert.That(pendingAtEnd, Is.Empty);
            Assert.That(acceptances.Select(a => a.Actor), Is.EqualTo(new[] { "dm.tameside", "dm.leeds" }), "each acceptance audited once, with who");
            Assert.That(completions, Has.Count.EqualTo(1));
            Assert.That(automatic, Is.Empty, "nothing moved automatically");
        });

        // The next fragment from the same address leaves the agreed transfer as it is.
        await AcceptedAsync(socialCare, MovedTo(start, InTameside));
        Assert.That((await StateAsync(hub, child))!.ResponsibleAuthority, Is.EqualTo(Tameside));
    }

    [Test]
    public async Task A_looked_after_child_placed_in_another_authority_stays_with_the_council_responsible_for_services()
    {
        await using var hub = await HubUnderTest.StartAsync(Districts);
        await using var school = await hub.AddSourceAsync("school");
        var start = SchoolStart(school.SourceId);
        await AcceptedAsync(school, start);
        var child = await ChildOfAsync(hub, school.SourceId, "PUPIL-1");

        // Placed in Tameside; the source knows Leeds keeps social services responsibility (002 4.56).
        await AcceptedAsync(school, MovedTo(start, InTameside).With("child.responsibleAuthority", Leeds));
        var placed = await StateAsync(hub, child);

        // Leaving care: the source no longer names a responsible council, so ordinary residence decides.
        await AcceptedAsync(school, MovedTo(start, InTameside));
        var leftCare = await StateAsync(hub, child);

        Assert.Multiple(() =>
        {
            Assert.That(placed!.ResponsibleAuthority, Is.EqualTo(Leeds), "the council with social services responsibility takes precedence");
            Assert.That(leftCare!.ResponsibleAuthority, Is.EqualTo(Tameside), "then the record follows where the child lives (only universal services)");
        });
    }

    [Test]
    public async Task A_data_manager_proposes_handing_a_record_on_and_the_other_authority_may_decline_it()
    {
        await using var hub = await HubUnderTest.StartAsync(Districts);
        await using var school = await hub.AddSourceAsync("school");
        using var leeds = await Linked.HttpAsync(hub, "dm.leeds", Leeds);
        using var newham = await Linked.HttpAsync(hub, "dm.newham", Newham);
        using var tameside = await Linked.HttpAsync(hub, "dm.tameside", Tameside);
        await AcceptedAsync(school, SchoolStart(school.SourceId));
        var child = await ChildOfAsync(hub, school.SourceId, "PUPIL-1");

        var byOutsider = await CallAsync(tameside, $"/api/children/{child}/transfers", new { toAuthority = Newham });
        // Asking for a record it cannot read to come to it would tell an authority where the child is: refused as missing.
        var pulledByOutsider = await CallAsync(tameside, $"/api/children/{child}/transfers", new { toAuthority = Tameside });
        var filedByOutsider = (await TransfersAsync(hub, child)).Count;
        var proposed = await CallAsync(leeds, $"/api/children/{child}/transfers", new { toAuthority = Newham });
        var again = await CallAsync(leeds, $"/api/children/{child}/transfers", new { toAuthority = Newham });
        var transfer = JsonDocument.Parse(proposed.Body).RootElement;
        var id = transfer.GetProperty("transferId").GetGuid();
        var stays = await StateAsync(hub, child);
        var declined = await CallAsync(newham, $"/api/transfers/{id}/decline");
        var lateAccept = await CallAsync(newham, $"/api/transfers/{id}/accept");
        var afterDecline = await StateAsync(hub, child);
        var proposals = await AuditAboutAsync(hub, child, "child.transferProposed");
        var declines = await AuditAboutAsync(hub, child, "child.transferDeclined");

        Assert.Multiple(() =>
        {
            Assert.That(byOutsider.Status, Is.EqualTo(HttpStatusCode.NotFound), "only for a record of (or to) one's own authority");
            Assert.That((pulledByOutsider.Status, pulledByOutsider.Body), Is.EqualTo((HttpStatusCode.NotFound, string.Empty)), "no authority named, nothing filed");
            Assert.That(filedByOutsider, Is.Zero);
            Assert.That(proposed.Status, Is.EqualTo(HttpStatusCode.OK), proposed.Body);
            Assert.That(transfer.GetProperty("acceptedByFrom").GetBoolean(), Is.True, "the proposing authority has agreed");
            Assert.That(transfer.GetProperty("acceptedByTo").GetBoolean(), Is.False);
            Assert.That(JsonDocument.Parse(again.Body).RootElement.GetProperty("transferId").GetGuid(), Is.EqualTo(id), "proposing twice returns the same transfer");
            Assert.That(stays!.ResponsibleAuthority, Is.EqualTo(Leeds), "even with only universal services, the other authority must agree (4.55)");
            Assert.That(declined.Status, Is.EqualTo(HttpStatusCode.OK), declined.Body);
            Assert.That(lateAccept.Status, Is.EqualTo(HttpStatusCode.Conflict), "a declined transfer cannot be accepted");
            Assert.That(afterDecline!.ResponsibleAuthority, Is.EqualTo(Leeds));
            Assert.That(proposals.Select(a => a.Actor), Is.EqualTo(new[] { "dm.leeds" }));
            Assert.That(declines.Select(a => a.Actor), Is.EqualTo(new[] { "dm.newham" }));
        });
    }

    private static async Task<HttpStatusCode> ReadAsync(HttpClient http, Guid child) =>
        (await http.GetAsync(new Uri($"/api/children/{child}?reason=transfer-check", UriKind.Relative))).StatusCode;

    private static async Task<List<JsonElement>> ListAsync(HttpClient http)
    {
        var response = await http.GetAsync(new Uri("/api/transfers", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static async Task<(HttpStatusCode Status, string Body)> CallAsync(HttpClient client, string path, object? body = null)
    {
        var response = body is null ? await client.PostAsync(new Uri(path, UriKind.Relative), null) : await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<AuthorityTransfer>> TransfersAsync(HubUnderTest hub, Guid child)
    {
        await using var db = hub.Database();
        return await db.Set<AuthorityTransfer>().AsNoTracking().Where(t => t.ChildId == child).ToListAsync();
    }

    private static async Task<List<AuditEntry>> AuditAboutAsync(HubUnderTest hub, Guid child, string action) =>
        (await Linked.AuditAsync(hub, action)).Where(a => a.Detail is not null && a.Detail.Contains(child.ToString(), StringComparison.Ordinal)).ToList();
}
