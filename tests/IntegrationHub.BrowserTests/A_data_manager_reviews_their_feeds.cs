using System.Text.RegularExpressions;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.BrowserTests;

/// <summary>
/// A York data manager's morning, in a real browser against the real hub (RabbitMQ and PostgreSQL of its own):
/// sign in, watch a feed's counts and chart move as its adapter publishes, suspend it and see its next fragment
/// rejected with source.suspended, and fail to open Leeds's feed. The steps run in order and share the session.
/// </summary>
[TestFixture]
[NonParallelizable]
public class A_data_manager_reviews_their_feeds
{
    private HubUnderTest _hub = null!;
    private SourceClient _education = null!;
    private string _youth = null!;
    private string _leeds = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false", ["Dashboard:MinimumMessagesForRate"] = "1" });
        _education = await _hub.AddSourceAsync("cms-york-education", "York", "York schools (education CMS)");
        _youth = await _hub.RegisterSourceAsync("cms-york-youth", "York", "York youth service");
        _leeds = await _hub.RegisterSourceAsync("cms-leeds-social-care", "Leeds", "Leeds children's social care");
        await _hub.Services.GetRequiredService<AccountStore>().AddAsync("york-manager", AccountRole.DataManager, "York", DashboardClient.Password, "test");

        // A month of history, so the charts have a shape: the education feed steady with a few rejections,
        // the youth feed silent for four days.
        var now = DateTimeOffset.UtcNow;
        for (var day = 2; day < 30; day++)
        {
            await _hub.RecordOutcomesAsync(_education.SourceId, MessageOutcome.Applied, 20 + (day * 7 % 13), now.AddDays(-day));
            await _hub.RecordOutcomesAsync(_education.SourceId, MessageOutcome.Rejected, day % 4, now.AddDays(-day), "child.nhsNumber.checkDigit");
        }

        for (var day = 4; day < 30; day += 2)
        {
            await _hub.RecordOutcomesAsync(_youth, MessageOutcome.Applied, 5, now.AddDays(-day).AddHours(-3));
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
        await _education.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private ILocator Row(string sourceId) => _page.Locator($"tr[data-source='{sourceId}']");

    /// <summary>The messages each bar of a row's chart stands for, as drawn (the SVG carries its numbers).</summary>
    private static Task<int[]> BarsAsync(ILocator row) =>
        row.Locator("svg g.bar").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.received))");

    [Test]
    [Order(1)]
    public async Task Signing_in_leads_to_their_own_feeds_only()
    {
        await _page.GotoAsync("/dashboard");
        await Expect(_page).ToHaveURLAsync(new Regex("/dashboard/sign-in"));
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("sign-in") });

        await _page.FillAsync("#user", "york-manager");
        await _page.FillAsync("#password", DashboardClient.Password);
        await _page.ClickAsync("button:has-text('Sign in')");

        await Expect(_page.Locator("h1")).ToHaveTextAsync("Feed health");
        await Expect(Row(_education.SourceId)).ToBeVisibleAsync();
        await Expect(Row(_youth).Locator("[data-reason]")).ToHaveTextAsync("no messages for 4 days");
        await Expect(Row(_youth).Locator(".rag")).ToHaveTextAsync("Problem");
        await Expect(Row(_leeds)).ToHaveCountAsync(0);

        // The broker's management statistics for a new queue arrive every few seconds: look again until they have.
        for (var attempt = 0; attempt < 30 && !(await _page.Locator("[data-intake-queue]").InnerTextAsync()).Contains("hub consumer", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(500);
            await _page.ReloadAsync();
        }

        await Expect(_page.Locator("[data-intake-queue]")).ToContainTextAsync("1 hub consumer");
    }

    [Test]
    [Order(2)]
    public async Task Fragments_published_through_the_broker_move_the_counts_and_the_chart()
    {
        await _page.GotoAsync("/dashboard");
        await Expect(Row(_education.SourceId).Locator("[data-day-received]")).ToHaveAttributeAsync("data-day-received", "0");
        Assert.That(await BarsAsync(Row(_education.SourceId)), Is.All.EqualTo(0), "nothing in the last 24 hours yet");

        for (var i = 0; i < 4; i++)
        {
            Assert.That((await _education.SendAsync(Fragments.Start(_education.SourceId, childId: $"C-{i}").ToJsonString())).Status, Is.EqualTo(ReceiptStatus.Accepted));
        }

        var bad = await _education.SendAsync(Fragments.Start(_education.SourceId, childId: "C-9").With("child.nhsNumber", "4857773456").ToJsonString());
        Assert.That(bad.Status, Is.EqualTo(ReceiptStatus.Rejected));

        await _page.ReloadAsync();
        var row = Row(_education.SourceId);
        await Expect(row.Locator("[data-day-received]")).ToHaveAttributeAsync("data-day-received", "5");
        await Expect(row.Locator("[data-day-received]")).ToHaveAttributeAsync("data-day-rejected", "1");
        var bars = await BarsAsync(row);
        Assert.That(bars, Has.Length.EqualTo(24));
        Assert.That(bars.Sum(), Is.EqualTo(5), "the 24-hour chart shows the five messages");
        // One in five rejected: at the 20 % rule, not above it, but well above the month's rate.
        await Expect(row.Locator(".rag")).ToHaveTextAsync("Attention");
        await Expect(row.Locator("[data-reason]")).ToContainTextAsync("to 20% in the last hour");
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("overview"), FullPage = true });
    }

    [Test]
    [Order(3)]
    public async Task The_source_page_shows_the_charts_and_why_messages_were_rejected()
    {
        await _page.GotoAsync("/dashboard");
        await _page.ClickAsync($"a[href='/dashboard/sources/{_education.SourceId}']");

        await Expect(_page.Locator("h1")).ToHaveTextAsync("York schools (education CMS)");
        await Expect(_page.Locator("#daily svg g.bar")).ToHaveCountAsync(30);
        await Expect(_page.Locator("#hourly svg g.bar")).ToHaveCountAsync(48);
        await Expect(_page.Locator("#reasons tr[data-code='child.nhsNumber.checkDigit']")).ToBeVisibleAsync();
        await Expect(_page.Locator("[data-open]")).ToHaveAttributeAsync("data-open", "4");
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("source"), FullPage = true });
    }

    [Test]
    [Order(4)]
    public async Task Suspending_the_feed_rejects_its_next_fragment_with_source_suspended()
    {
        await _page.GotoAsync($"/dashboard/sources/{_education.SourceId}");
        await _page.FillAsync("#suspend input[name=reason]", "duplicate children under review with the vendor");
        await _page.ClickAsync("#suspend button");

        await Expect(_page.Locator("[data-message]")).ToContainTextAsync("Feed suspended");
        await Expect(_page.Locator(".panel [data-status]")).ToHaveTextAsync("Suspended");

        var receipt = await _education.SendAsync(Fragments.Start(_education.SourceId, childId: "C-20").ToJsonString());
        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Rejected));
        Assert.That(receipt.Reasons.Select(r => r.Code), Does.Contain("source.suspended"));

        await _page.ReloadAsync();
        await Expect(_page.Locator("#reasons tr[data-code='source.suspended']")).ToBeVisibleAsync();
        await Expect(_page.Locator("#resume")).ToBeVisibleAsync();
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("source-suspended"), FullPage = true });
    }

    [Test]
    [Order(5)]
    public async Task Another_authoritys_source_page_cannot_be_opened()
    {
        var response = await _page.GotoAsync($"/dashboard/sources/{_leeds}");

        Assert.That(response!.Status, Is.EqualTo(404));
        await Expect(_page.Locator("h1")).ToHaveTextAsync("Not found");
        await Expect(_page.Locator("main")).Not.ToContainTextAsync("Leeds");
    }

    [Test]
    [Order(6)]
    public async Task The_dead_letters_page_lists_cause_time_size_and_fingerprint()
    {
        await _hub.AddDeadLetterAsync(_education.SourceId, "body is not valid UTF-8 JSON", DateTimeOffset.UtcNow.AddMinutes(-2));
        await _page.GotoAsync("/dashboard/dead-letters");

        await Expect(_page.Locator("#dead-letters tbody tr")).ToHaveCountAsync(1);
        await Expect(_page.Locator("#dead-letters")).ToContainTextAsync("body is not valid UTF-8 JSON");
        await _page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dead-letters"), FullPage = true });
    }
}
