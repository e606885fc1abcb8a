using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Intake;

[TestFixture]
[NonParallelizable]
public class When_a_feed_is_not_accredited
{
    private HubUnderTest _hub = null!;

    [OneTimeSetUp]
    public async Task Start() => _hub = await HubUnderTest.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [TestCase(SourceStatus.Suspended, "source.suspended")]
    [TestCase(SourceStatus.Terminated, "source.terminated")]
    public async Task Its_messages_are_rejected_with_the_reason_and_nothing_is_applied(SourceStatus status, string code)
    {
        await using var source = await _hub.AddSourceAsync("cms-" + status.ToString().ToLowerInvariant());
        await _hub.Services.GetRequiredService<SourceRegistry>().SetStatusAsync(source.SourceId, status, "data quality review", "test");

        var receipt = await source.SendAsync(Fragments.Start(source.SourceId).ToJsonString());

        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Rejected));
        Assert.That(receipt.Reasons.Select(r => r.Code), Does.Contain(code));
        await using var db = _hub.Database();
        Assert.That(await db.ChildFragments.AnyAsync(f => f.SourceId == source.SourceId), Is.False);
    }

    [Test]
    public async Task A_broker_user_that_is_not_a_registered_source_is_dead_lettered()
    {
        // A RabbitMQ user with source permissions whose registration was never completed in the hub.
        var user = "unregistered-" + _hub.RunId;
        var password = Guid.NewGuid().ToString("N");
        await _hub.Services.GetRequiredService<RabbitMqProvisioner>().ProvisionSourceAsync(user, password);
        try
        {
            await using var stranger = await SourceClient.ConnectAsync(user, password, _hub.VirtualHost, listen: false);
            await stranger.PublishAsync(Fragments.Start(user).ToJsonString());

            var dead = await Eventually.ValueAsync(async () =>
            {
                await using var db = _hub.Database();
                return await db.DeadLetters.FirstOrDefaultAsync(d => d.AmqpUser == user);
            });
            Assert.That(dead.Cause, Does.Contain("not a registered source"));
        }
        finally
        {
            await _hub.Services.GetRequiredService<RabbitMqProvisioner>().DeleteUserAsync(user);
        }
    }
}
