using System.Text;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.IntegrationTests.Intake;

[TestFixture]
[NonParallelizable]
public class When_a_source_tries_to_speak_for_another
{
    private HubUnderTest _hub = null!;
    private SourceClient _a = null!;
    private SourceClient _b = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync();
        _a = await _hub.AddSourceAsync("cms-a");
        _b = await _hub.AddSourceAsync("cms-b");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task The_broker_refuses_a_publish_whose_user_id_names_another_source()
    {
        var forged = Fragments.Start(_a.SourceId, "C-forged");
        await using var channel = await _b.Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        Assert.CatchAsync(async () =>
        {
            await channel.BasicPublishAsync(Topology.FragmentsExchange, string.Empty, mandatory: false,
                new BasicProperties { UserId = _a.SourceId, ContentType = "application/json" }, Encoding.UTF8.GetBytes(forged.ToJsonString()));
            // A refused publish closes the channel; if the confirm raced ahead, the next operation reports it.
            await channel.BasicQosAsync(0, 1, false);
        });
        Assert.That(channel.CloseReason?.ReplyCode, Is.EqualTo(406), channel.CloseReason?.ReplyText);

        // Nothing reached the hub on A's behalf: A's next receipt answers A's own next message.
        var own = Fragments.Start(_a.SourceId, "C-own");
        var receipt = await _a.SendAsync(own.ToJsonString());
        Assert.That(receipt.InReplyTo, Is.EqualTo((string)own["messageId"]!));
    }

    [Test]
    public async Task A_body_claiming_another_source_is_rejected_to_its_real_publisher()
    {
        var claim = Fragments.Start(_a.SourceId, "C-claim");

        var receipt = await _b.SendAsync(claim.ToJsonString());

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(receipt.SourceId, Is.EqualTo(_b.SourceId));
            Assert.That(receipt.Reasons.Single().Code, Is.EqualTo("sourceId.mismatch"));
        });
    }

    [Test]
    public async Task A_source_cannot_read_another_sources_reply_queue()
    {
        await using var channel = await _b.Connection.CreateChannelAsync();

        var refused = Assert.CatchAsync<OperationInterruptedException>(async () =>
            await channel.BasicConsumeAsync(Topology.ReplyQueue(_a.SourceId), autoAck: false, new AsyncEventingBasicConsumerStub(channel)));

        Assert.That(refused!.ShutdownReason?.ReplyCode, Is.EqualTo(403));
    }

    [Test]
    public async Task A_source_can_write_only_to_the_intake_exchange()
    {
        await using var channel = await _b.Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        // Forging a receipt into A's reply queue via the default exchange is refused.
        Assert.CatchAsync(async () =>
        {
            await channel.BasicPublishAsync(string.Empty, Topology.ReplyQueue(_a.SourceId), mandatory: false,
                new BasicProperties { UserId = _b.SourceId }, Encoding.UTF8.GetBytes("{}"));
            await channel.BasicQosAsync(0, 1, false);
        });
        Assert.That(channel.CloseReason?.ReplyCode, Is.EqualTo(403), channel.CloseReason?.ReplyText);
    }

    private sealed class AsyncEventingBasicConsumerStub(IChannel channel) : AsyncDefaultBasicConsumer(channel);
}
