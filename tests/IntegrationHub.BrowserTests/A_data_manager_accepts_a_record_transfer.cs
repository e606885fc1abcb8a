using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Persistence.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.BrowserTests;

/// <summary>
/// A child with a social care involvement moves from Leeds to Tameside (002 4.54): the record may move only when both
/// authorities agree. Tameside's data manager, in a real browser, finds the incoming transfer on the Transfers page and
/// accepts it; the record stays with Leeds until Leeds accepts too.
/// </summary>
[TestFixture]
[NonParallelizable]
public class A_data_manager_accepts_a_record_transfer
{
    [Test]
    public async Task The_incoming_transfer_is_listed_and_accepted_and_the_record_waits_for_the_other_authority()
    {
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:AlertsEnabled"] = "false",
            ["Lifecycle:Compartments:PostcodeDistricts:LS"] = "Leeds",
            ["Lifecycle:Compartments:PostcodeDistricts:SK14"] = "Tameside",
        });
        await using var cms = await hub.AddSourceAsync("cms-leeds-social-care", "Leeds", "Leeds children's social care");
        await hub.Services.GetRequiredService<AccountStore>().AddAsync("tameside-dm", AccountRole.DataManager, "Tameside", DashboardClient.Password, "test");
        var start = Fragments.Start(cms.SourceId, "SC-1");
        Assert.That((await cms.SendAsync(start.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));
        var moved = start.As(UpdateInvolvement.Type)
            .With("child.address", new JsonObject { ["lines"] = new JsonArray("4 Market Street", "Hyde"), ["postcode"] = "SK14 4PZ" });
        Assert.That((await cms.SendAsync(moved.ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));
        AuthorityTransfer transfer;
        await using (var db = hub.Database())
        {
            transfer = await db.Set<AuthorityTransfer>().SingleAsync(t => t.Status == AuthorityTransferStatus.Pending);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = hub.HttpAddress.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } })).NewPageAsync();
        await page.GotoAsync("/dashboard/transfers");
        await page.FillAsync("#user", "tameside-dm");
        await page.FillAsync("#password", DashboardClient.Password);
        await page.ClickAsync("button:has-text('Sign in')");

        var row = page.Locator($"tr[data-transfer='{transfer.Id}']");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Transfers");
        await Expect(row).ToContainTextAsync("Leeds");
        await Expect(row).ToContainTextAsync("the child moved");
        await Expect(row).ToContainTextAsync("nobody yet");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("transfers"), FullPage = true });

        await row.Locator("button[data-accept]").ClickAsync();
        await Expect(page.Locator("[data-done]")).ToContainTextAsync("Transfer accepted.");
        await Expect(page.Locator($"tr[data-transfer='{transfer.Id}']")).ToContainTextAsync("you accepted");
        await using var check = hub.Database();
        Assert.That((await check.Set<ChildLifecycleState>().SingleAsync(s => s.ChildId == transfer.ChildId)).ResponsibleAuthority, Is.EqualTo("Leeds"),
            "the record waits for Leeds");
    }
}
