using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>Alerts reach the webhook once per change of a condition: raised, then cleared; never a flood.</summary>
[TestFixture]
[NonParallelizable]
public class When_alert_conditions_change
{
    private WebhookListener _webhook = null!;
    private HubUnderTest _hub = null!;
    private DashboardClient _manager = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _webhook = await WebhookListener.StartAsync();
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:AlertWebhookUrl"] = _webhook.Url,
            // The test evaluates when it chooses; the timer would race it.
            ["Dashboard:AlertsEnabled"] = "false",
            ["Dashboard:MinimumMessagesForRate"] = "1",
        });
        _manager = await DashboardClient.SignedInAsync(_hub, "kirklees-manager", AccountRole.DataManager, "Kirklees");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _manager.Dispose();
        await _hub.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    private Task EvaluateAsync() => _hub.Services.GetRequiredService<AlertMonitor>().EvaluateAsync();

    [Test]
    public async Task A_rejection_spike_is_sent_once_while_it_lasts_and_once_when_it_clears()
    {
        var source = await _hub.RegisterSourceAsync("cms-kirklees", "Kirklees");
        var now = DateTimeOffset.UtcNow;
        await _hub.RecordOutcomesAsync(source, MessageOutcome.Applied, 19, now.AddDays(-2));
        await _hub.RecordOutcomesAsync(source, MessageOutcome.Rejected, 1, now.AddDays(-2), "nhsNumber.checkDigit");
        await _hub.RecordOutcomesAsync(source, MessageOutcome.Applied, 3, now.AddMinutes(-10));
        await _hub.RecordOutcomesAsync(source, MessageOutcome.Rejected, 2, now.AddMinutes(-5), "nhsNumber.checkDigit");

        await EvaluateAsync();
        await EvaluateAsync();
        await EvaluateAsync();

        Assert.That(_webhook.For(source), Is.EqualTo(new[] { ("rejection-rate", "raised", "rejections up from 5% to 40% in the last hour") }));
        var overview = await _manager.ApiAsync<Overview>("/api/dashboard/overview");
        var row = overview!.Feeds.Single(f => f.SourceId == source);
        Assert.That(row.Health.Level, Is.EqualTo(HealthLevel.Red));
        Assert.That(row.Alerts.Select(a => a.Condition), Is.EqualTo(new[] { "rejection-rate" }));
        var page = await _manager.Http.GetStringAsync("/dashboard");
        Assert.That(page, Does.Contain("data-alert=\"rejection-rate\"").And.Contain("rejections up from 5% to 40% in the last hour"));

        // The data manager decides 50 % is their threshold: the condition clears, and that is sent once too.
        using var rules = await _manager.PostFormAsync($"/dashboard/sources/{source}/alert-rules", new() { ["noMessagesHours"] = "72", ["rejectionRatePercent"] = "50", ["deadLetters"] = "true" });
        await EvaluateAsync();
        await EvaluateAsync();

        Assert.That(_webhook.For(source), Is.EqualTo(new[]
        {
            ("rejection-rate", "raised", "rejections up from 5% to 40% in the last hour"),
            ("rejection-rate", "cleared", "rejections up from 5% to 40% in the last hour"),
        }));
        await using var db = _hub.Database();
        Assert.That(await db.Audit.CountAsync(a => a.SourceId == source && a.Action == "alert.raise"), Is.EqualTo(1));
        Assert.That(await db.Audit.AnyAsync(a => a.SourceId == source && a.Action == "alert.rules" && a.Actor == "kirklees-manager"), Is.True);
    }

    [Test]
    public async Task An_alert_the_webhook_refused_is_sent_when_it_is_back_and_only_then()
    {
        var source = await _hub.RegisterSourceAsync("cms-kirklees-dl", "Kirklees");
        await _hub.RecordOutcomesAsync(source, MessageOutcome.Applied, 5, DateTimeOffset.UtcNow.AddMinutes(-30));
        await _hub.AddDeadLetterAsync(source, "body is not JSON", DateTimeOffset.UtcNow.AddMinutes(-1));

        _webhook.Down = true;
        try
        {
            await EvaluateAsync();
            await EvaluateAsync();
        }
        finally
        {
            _webhook.Down = false;
        }

        Assert.That(_webhook.For(source), Is.Empty);
        await EvaluateAsync();
        await EvaluateAsync();
        Assert.That(_webhook.For(source), Is.EqualTo(new[] { ("dead-letters", "raised", "1 message dead-lettered in the last 24 hours") }));
    }

    [Test]
    public async Task A_silent_feed_raises_no_messages_but_a_suspended_one_does_not()
    {
        var silent = await _hub.RegisterSourceAsync("cms-kirklees-silent", "Kirklees");
        var suspended = await _hub.RegisterSourceAsync("cms-kirklees-paused", "Kirklees");
        foreach (var id in new[] { silent, suspended })
        {
            await _hub.RecordOutcomesAsync(id, MessageOutcome.Applied, 2, DateTimeOffset.UtcNow.AddDays(-4));
        }

        await _hub.Services.GetRequiredService<Pipeline.Sources.SourceRegistry>().SetStatusAsync(suspended, SourceStatus.Suspended, "paused", "test");
        await EvaluateAsync();

        Assert.That(_webhook.For(silent), Is.EqualTo(new[] { ("no-messages", "raised", "no messages for 4 days") }));
        Assert.That(_webhook.For(suspended), Is.Empty);
    }
}
