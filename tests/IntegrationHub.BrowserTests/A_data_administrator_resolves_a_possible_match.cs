using System.Text.RegularExpressions;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.BrowserTests;

/// <summary>
/// York's registration feed holds a child; York's CMS and Leeds's CMS each send the same NHS number with a different
/// sex and date of birth, so both fragments wait for review (002 4.52). York's data administrator, in a real browser,
/// opens York's item (giving a reason), compares it with the candidate, links it, and sees it leave the queue; Leeds's
/// item is not listed and cannot be opened. The steps run in order and share the session.
/// </summary>
[TestFixture]
[NonParallelizable]
public class A_data_administrator_resolves_a_possible_match
{
    private HubUnderTest _hub = null!;
    private SourceClient _registration = null!;
    private SourceClient _yorkCms = null!;
    private SourceClient _leedsCms = null!;
    private Guid _yorkItem;
    private Guid _leedsItem;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        _registration = await _hub.AddSourceAsync("registration-york", "York", "York registrations");
        _yorkCms = await _hub.AddSourceAsync("cms-york-social-care", "York", "York children's social care");
        _leedsCms = await _hub.AddSourceAsync("cms-leeds-social-care", "Leeds", "Leeds children's social care");
        await _hub.Services.GetRequiredService<AccountStore>().AddAsync("york-admin", AccountRole.DataManager, "York", DashboardClient.Password, "test");

        Assert.That((await _registration.SendAsync(Fragments.Start(_registration.SourceId).As(Demographics.Type).With("involvement", null).ToJsonString())).Status,
            Is.EqualTo(ReceiptStatus.Accepted));
        foreach (var source in new[] { _yorkCms, _leedsCms })
        {
            // The registration's NHS number, contradicted by both sex and date of birth: a possible match, held.
            var receipt = await source.SendAsync(Fragments.Start(source.SourceId, "D-7")
                .With("child.gender", "male").With("child.dateOfBirth", "2009-01-01").With("child.upn", null)
                .With("producedAt", DateTimeOffset.UtcNow.AddDays(-1).ToString("O")).ToJsonString());
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Held));
        }

        await using (var db = _hub.Database())
        {
            var items = await db.Set<ReviewItem>().ToListAsync();
            _yorkItem = items.Single(i => i.SourceId == _yorkCms.SourceId).Id;
            _leedsItem = items.Single(i => i.SourceId == _leedsCms.SourceId).Id;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _hub.HttpAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        _page = await context.NewPageAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _registration.DisposeAsync();
        await _yorkCms.DisposeAsync();
        await _leedsCms.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    [Order(1)]
    public async Task The_queue_lists_only_their_authoritys_item_with_its_age()
    {
        await _page.GotoAsync("/dashboard/review");
        await _page.FillAsync("#user", "york-admin");
        await _page.FillAsync("#password", DashboardClient.Password);
        await _page.ClickAsync("button:has-text('Sign in')");

        await Expect(_page.Locator("h1")).ToHaveTextAsync("Review queue");
        await Expect(_page.Locator("#review tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator($"tr[data-review='{_yorkItem}']")).ToContainTextAsync("ago");
        await Expect(_page.Locator($"tr[data-review='{_leedsItem}']")).ToHaveCountAsync(0);
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("review-queue"), FullPage = true });
    }

    [Test]
    [Order(2)]
    public async Task Opening_the_item_asks_why_then_shows_fragment_and_candidate_side_by_side()
    {
        await _page.GotoAsync("/dashboard/review");
        await _page.ClickAsync($"tr[data-review='{_yorkItem}'] a");
        await Expect(_page.Locator("h1")).ToHaveTextAsync("Why are you opening this item?");
        await Expect(_page.Locator("main")).Not.ToContainTextAsync("Morgan");

        await _page.FillAsync("#reason", "weekly data matching");
        await _page.ClickAsync("button:has-text('Open the item')");

        await Expect(_page.Locator("h1")).ToHaveTextAsync("Review item: D-7");
        await Expect(_page.Locator("#compare")).ToContainTextAsync("Morgan");
        await Expect(_page.Locator("#compare [data-masked]")).ToHaveCountAsync(0);
        await Expect(_page.Locator("table.evidence").First).ToContainTextAsync("date_of_birth");
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("review-item"), FullPage = true });
    }

    [Test]
    [Order(3)]
    public async Task Linking_it_to_the_candidate_takes_it_off_the_queue_and_tells_the_source()
    {
        await _page.ClickAsync("button[data-link]");

        await Expect(_page).ToHaveURLAsync(new Regex("/dashboard/review\\?done=link"));
        await Expect(_page.Locator("[data-done]")).ToContainTextAsync("Linked");
        await Expect(_page.Locator("#review-empty")).ToBeVisibleAsync();
        Assert.That((await _yorkCms.NextReceiptAsync()).Status, Is.EqualTo(ReceiptStatus.Accepted), "the held message's final receipt");
    }

    [Test]
    [Order(4)]
    public async Task Another_authoritys_item_cannot_be_opened()
    {
        var response = await _page.GotoAsync($"/dashboard/review/{_leedsItem}?reason=curious");

        Assert.That(response!.Status, Is.EqualTo(404));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("Not found");
        await Expect(_page.Locator("main")).Not.ToContainTextAsync("Morgan");
    }
}
