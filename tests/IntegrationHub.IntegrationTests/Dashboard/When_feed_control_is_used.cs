using System.Net;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Dashboard;

[TestFixture]
[NonParallelizable]
public class When_feed_control_is_used
{
    private HubUnderTest _hub = null!;
    private DashboardClient _manager = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        _manager = await DashboardClient.SignedInAsync(_hub, "wakefield-manager", AccountRole.DataManager, "Wakefield");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _manager.Dispose();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task Suspend_and_resume_are_audited_under_the_signed_in_user_and_a_suspended_feed_is_told_to_resend()
    {
        await using var source = await _hub.AddSourceAsync("cms-wakefield", "Wakefield");

        using var suspend = await _manager.PostFormAsync($"/dashboard/sources/{source.SourceId}/status", new() { ["status"] = "Suspended", ["reason"] = "duplicates under review" });
        Assert.That(suspend.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var receipt = await source.SendAsync(Fragments.Start(source.SourceId).ToJsonString());
        Assert.That(receipt.Reasons.Select(r => r.Code), Does.Contain("source.suspended"));
        Assert.That(receipt.Reasons.Single(r => r.Code == "source.suspended").Message, Does.Contain("Resend after resumption"));

        using var resume = await _manager.PostFormAsync($"/dashboard/sources/{source.SourceId}/status", new() { ["status"] = "Accredited", ["reason"] = "fixed by vendor" });
        var again = await source.SendAsync(Fragments.Start(source.SourceId).ToJsonString());
        Assert.That(again.Status, Is.EqualTo(Contracts.ReceiptStatus.Accepted));

        await using var db = _hub.Database();
        var changes = await db.Audit.Where(a => a.Action == "source.status" && a.SourceId == source.SourceId).OrderBy(a => a.Id).ToListAsync();
        Assert.That(changes.Select(a => (a.Actor, a.Outcome, a.Detail)), Is.EqualTo(new[]
        {
            ("wakefield-manager", "suspended", "duplicates under review"),
            ("wakefield-manager", "accredited", "fixed by vendor"),
        }));
    }

    [Test]
    public async Task Terminating_needs_a_reason_and_the_confirmation_and_is_final_here()
    {
        var id = await _hub.RegisterSourceAsync("cms-wakefield-old", "Wakefield");

        using var unconfirmed = await _manager.PostFormAsync($"/dashboard/sources/{id}/status", new() { ["status"] = "Terminated", ["reason"] = "agreement ended" });
        using var noReason = await _manager.PostFormAsync($"/dashboard/sources/{id}/status", new() { ["status"] = "Terminated", ["reason"] = " ", ["confirm"] = "yes" });
        using var terminate = await _manager.PostFormAsync($"/dashboard/sources/{id}/status", new() { ["status"] = "Terminated", ["reason"] = "agreement ended", ["confirm"] = "yes" });
        using var resume = await _manager.PostFormAsync($"/dashboard/sources/{id}/status", new() { ["status"] = "Accredited", ["reason"] = "changed my mind" });

        Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(terminate.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(resume.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        await using var db = _hub.Database();
        Assert.That((await db.Sources.SingleAsync(s => s.Id == id)).Status, Is.EqualTo(SourceStatus.Terminated));
    }
}
