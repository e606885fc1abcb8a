using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Persistence.Lifecycle;
using Microsoft.EntityFrameworkCore;
using static IntegrationHub.IntegrationTests.Lifecycle.LifecycleScenario;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>
/// A data manager sees the record transfers of their authority on the dashboard (002 4.59: "you are responsible for
/// ensuring that records are transferred to and from your authority") and accepts them there; another authority sees
/// none of them and cannot act on them. The record moves when both have accepted (ADR 0011).
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_transfers_are_decided_on_the_dashboard
{
    private static readonly Dictionary<string, string?> Districts = new()
    {
        ["Dashboard:AlertsEnabled"] = "false",
        ["Lifecycle:Compartments:PostcodeDistricts:LS"] = "Leeds",
        ["Lifecycle:Compartments:PostcodeDistricts:SK14"] = "Tameside",
    };

    [Test]
    public async Task Both_authorities_accept_on_their_transfers_page_and_a_third_sees_nothing()
    {
        await using var hub = await HubUnderTest.StartAsync(Districts);
        await using var socialCare = await hub.AddSourceAsync("cms", "Leeds");
        var start = Kelly(socialCare.SourceId, "SC-1", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-9)); // social care: specialist
        await AcceptedAsync(socialCare, start);
        var child = await ChildOfAsync(hub, socialCare.SourceId, "SC-1");
        await AcceptedAsync(socialCare, start.As(UpdateInvolvement.Type)
            .With("child.address", new JsonObject { ["lines"] = new JsonArray("4 Market Street", "Hyde"), ["postcode"] = "SK14 4PZ" }));
        Guid transfer;
        await using (var db = hub.Database())
        {
            transfer = (await db.Set<AuthorityTransfer>().SingleAsync(t => t.ChildId == child && t.Status == AuthorityTransferStatus.Pending)).Id;
        }

        using var leeds = await DashboardClient.SignedInAsync(hub, "dm.leeds", AccountRole.DataManager, "Leeds");
        using var tameside = await DashboardClient.SignedInAsync(hub, "dm.tameside", AccountRole.DataManager, "Tameside");
        using var newham = await DashboardClient.SignedInAsync(hub, "dm.newham", AccountRole.DataManager, "Newham");
        var incoming = await tameside.Http.GetStringAsync("/dashboard/transfers");
        var elsewhere = await newham.Http.GetStringAsync("/dashboard/transfers");
        using var byNewham = await newham.PostFormAsync($"/dashboard/transfers/{transfer}/accept", [], tokenFrom: "/dashboard/transfers");
        using var byTameside = await tameside.PostFormAsync($"/dashboard/transfers/{transfer}/accept", [], tokenFrom: "/dashboard/transfers");
        var afterOne = (await StateAsync(hub, child))!.ResponsibleAuthority;
        var outgoingCsv = await leeds.Http.GetStringAsync("/dashboard/transfers.csv");
        using var byLeeds = await leeds.PostFormAsync($"/dashboard/transfers/{transfer}/accept", [], tokenFrom: "/dashboard/transfers");
        var afterBoth = (await StateAsync(hub, child))!.ResponsibleAuthority;
        var leedsPage = await byLeeds.Content.ReadAsStringAsync();
        int listed;
        await using (var db = hub.Database())
        {
            listed = await db.Audit.CountAsync(a => a.Action == "transfers.listed" && a.Actor == "dm.newham");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(incoming, Does.Contain($"data-transfer=\"{transfer}\"").And.Contain("data-accept").And.Contain(">in<"), "the receiving authority sees it, with Accept");
            Assert.That(incoming, Does.Not.Contain("Kelly").And.Not.Contain("Market Street"), "ids and authorities only");
            Assert.That(elsewhere, Does.Contain("No transfer is waiting").And.Not.Contain(transfer.ToString()));
            Assert.That(byNewham.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a third authority cannot act on it");
            Assert.That(byTameside.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await byTameside.Content.ReadAsStringAsync(), Does.Contain("Transfer accepted.").And.Contain("you accepted"));
            Assert.That(afterOne, Is.EqualTo("Leeds"), "one acceptance moves nothing");
            Assert.That(outgoingCsv, Does.Contain($"{transfer},{child},out,Leeds,Tameside,move"));
            Assert.That(leedsPage, Does.Contain("now belongs to the receiving authority").And.Contain("No transfer is waiting"));
            Assert.That(afterBoth, Is.EqualTo("Tameside"));
            Assert.That(listed, Is.GreaterThanOrEqualTo(1), "every view of the list is audited");
        });
    }

    [Test]
    public async Task A_shielded_childs_transfer_shows_each_authority_only_its_own_side()
    {
        await using var hub = await HubUnderTest.StartAsync(Districts);
        await using var socialCare = await hub.AddSourceAsync("cms", "Leeds");
        var start = Kelly(socialCare.SourceId, "SC-1", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-9)).With("child.shielding", "requested");
        await AcceptedAsync(socialCare, start);
        await AcceptedAsync(socialCare, start.As(UpdateInvolvement.Type)
            .With("child.address", new JsonObject { ["lines"] = new JsonArray("4 Market Street", "Hyde"), ["postcode"] = "SK14 4PZ" }));

        using var leeds = await DashboardClient.SignedInAsync(hub, "dm.leeds", AccountRole.DataManager, "Leeds");
        using var tameside = await DashboardClient.SignedInAsync(hub, "dm.tameside", AccountRole.DataManager, "Tameside");
        using var national = await DashboardClient.SignedInAsync(hub, "national", AccountRole.NationalTeam, null);
        var outgoing = await leeds.Http.GetStringAsync("/dashboard/transfers");
        var outgoingCsv = await leeds.Http.GetStringAsync("/dashboard/transfers.csv");
        var outgoingApi = await leeds.Http.GetStringAsync("/api/transfers");
        var incoming = await tameside.Http.GetStringAsync("/dashboard/transfers");
        var everything = await national.Http.GetStringAsync("/dashboard/transfers");
        Assert.Multiple(() =>
        {
            Assert.That(outgoing, Does.Contain("data-transfer=").And.Contain("(withheld: shielded record)").And.Not.Contain("Tameside"),
                "the authority it is leaving does not learn where the child now lives");
            Assert.That(outgoingCsv, Does.Contain("(withheld: shielded record)").And.Not.Contain("Tameside"));
            Assert.That(outgoingApi, Does.Contain("(withheld: shielded record)").And.Not.Contain("Tameside"));
            Assert.That(incoming, Does.Contain("data-transfer=").And.Contain("(withheld: shielded record)").And.Not.Contain("Leeds"),
                "nor the receiving one where the child lived");
            Assert.That(everything, Does.Contain("Leeds").And.Contain("Tameside"), "the national team sees both");
        });
    }
}
