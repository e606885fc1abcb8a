using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>
/// The intake queue all feeds share backs up (here: the hub stops reading it): one hub-wide alert while it lasts,
/// one when it has drained, as the broker's management statistics report the depth.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_the_intake_queue_backs_up
{
    [Test]
    public async Task One_alert_is_sent_while_it_is_deeper_than_the_rule_and_one_when_it_has_drained()
    {
        await using var webhook = await WebhookListener.StartAsync();
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:AlertWebhookUrl"] = webhook.Url,
            ["Dashboard:AlertsEnabled"] = "false", // the test evaluates when it chooses
            ["Dashboard:IntakeQueueDepth"] = "5",
        });
        var monitor = hub.Services.GetRequiredService<AlertMonitor>();
        await using var source = await hub.AddSourceAsync("cms-busy");

        await hub.Services.GetRequiredService<IBusControl>().StopAsync();
        for (var i = 0; i < 20; i++)
        {
            await source.PublishAsync(Fragments.Start(source.SourceId, $"C-{i}").ToJsonString());
        }

        // The management statistics arrive every few seconds.
        await Eventually.TrueAsync(async () =>
        {
            await monitor.EvaluateAsync();
            return webhook.For(AlertMonitor.Hub).Count == 1;
        }, "the backed-up intake queue raises an alert", TimeSpan.FromSeconds(40));
        await monitor.EvaluateAsync();
        await monitor.EvaluateAsync();
        var whileBackedUp = webhook.For(AlertMonitor.Hub);

        var factory = SourceClient.Factory(TestServers.RabbitAdminUser, TestServers.RabbitAdminPassword, hub.VirtualHost);
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueuePurgeAsync(Contracts.Topology.IntakeQueue);
        }

        await Eventually.TrueAsync(async () =>
        {
            await monitor.EvaluateAsync();
            return webhook.For(AlertMonitor.Hub).Count == 2;
        }, "the drained queue clears the alert", TimeSpan.FromSeconds(40));

        Assert.Multiple(() =>
        {
            Assert.That(whileBackedUp, Has.Count.EqualTo(1), "raised once, not at every evaluation");
            Assert.That(whileBackedUp[0].Condition, Is.EqualTo(AlertMonitor.IntakeQueue));
            Assert.That(whileBackedUp[0].State, Is.EqualTo("raised"));
            Assert.That(whileBackedUp[0].Detail, Does.Match(@"^\d+ messages waiting on the intake queue \(alert above 5\)$"));
            Assert.That(webhook.For(AlertMonitor.Hub)[1].State, Is.EqualTo("cleared"));
        });
    }
}
