using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using IntegrationHub.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A case-management system's adapter as a vendor would write it: plain AMQP 0-9-1 with RabbitMQ.Client,
/// no MassTransit. It publishes JSON to hub.fragments with user_id set, and reads its own reply queue.
/// </summary>
public sealed class SourceClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _publisher;
    private readonly IChannel _replies;
    private readonly Channel<(Receipt Receipt, byte[] Raw)> _received = Channel.CreateUnbounded<(Receipt, byte[])>();
    private readonly Channel<(string MessageType, byte[] Raw)> _notices = Channel.CreateUnbounded<(string, byte[])>();
    private int _disposed;

    private SourceClient(string sourceId, string password, IConnection connection, IChannel publisher, IChannel replies)
    {
        SourceId = sourceId;
        Password = password;
        _connection = connection;
        _publisher = publisher;
        _replies = replies;
    }

    public string SourceId { get; }

    public string Password { get; }

    public static async Task<SourceClient> ConnectAsync(string sourceId, string password, string virtualHost, bool listen = true)
    {
        var connection = await Factory(sourceId, password, virtualHost).CreateConnectionAsync();
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var replies = await connection.CreateChannelAsync();
        var client = new SourceClient(sourceId, password, connection, publisher, replies);
        if (listen)
        {
            var consumer = new AsyncEventingBasicConsumer(replies);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                var raw = delivery.Body.ToArray();
                // Receipts, mismatch notifications and review outcomes share the reply queue; messageType tells them apart.
                var messageType = JsonDocument.Parse(raw).RootElement.GetProperty("messageType").GetString();
                if (messageType == Receipt.Type)
                {
                    client._received.Writer.TryWrite((JsonSerializer.Deserialize<Receipt>(raw, HubJson.Options)!, raw));
                }
                else
                {
                    client._notices.Writer.TryWrite((messageType!, raw));
                }

                await replies.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            };
            await replies.BasicConsumeAsync(Topology.ReplyQueue(sourceId), autoAck: false, consumer);
        }

        return client;
    }

    public static ConnectionFactory Factory(string user, string password, string virtualHost) => new()
    {
        HostName = TestServers.RabbitHost,
        Port = TestServers.RabbitPort,
        UserName = user,
        Password = password,
        VirtualHost = virtualHost,
    };

    public IConnection Connection => _connection;

    /// <summary>Publishes a body as this source (user_id = its RabbitMQ user, as RabbitMQ requires) and waits for the broker's confirm.</summary>
    public Task PublishAsync(string json, string? userId = "self") => PublishAsync(Encoding.UTF8.GetBytes(json), userId);

    public async Task PublishAsync(byte[] body, string? userId = "self", string? contentType = "application/json")
    {
        var properties = new BasicProperties
        {
            ContentType = contentType,
            DeliveryMode = DeliveryModes.Persistent,
            UserId = userId == "self" ? SourceId : userId,
        };
        await _publisher.BasicPublishAsync(Topology.FragmentsExchange, routingKey: string.Empty, mandatory: false, basicProperties: properties, body: body);
    }

    /// <summary>The next receipt to arrive on this source's reply queue.</summary>
    public async Task<Receipt> NextReceiptAsync(TimeSpan? timeout = null) => (await NextRawReceiptAsync(timeout)).Receipt;

    public async Task<(Receipt Receipt, byte[] Raw)> NextRawReceiptAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No receipt reached {Topology.ReplyQueue(SourceId)} in time.");
        }
    }

    /// <summary>The next reply that is not a receipt (a mismatch notification or review outcome), raw.</summary>
    public async Task<(string MessageType, byte[] Raw)> NextNoticeAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _notices.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No notification reached {Topology.ReplyQueue(SourceId)} in time.");
        }
    }

    /// <summary>A notice that has already arrived, if any (does not wait).</summary>
    public bool TryTakeNotice(out (string MessageType, byte[] Raw) notice) => _notices.Reader.TryRead(out notice);

    /// <summary>Reads receipts until <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<Receipt>> ReceiptsAsync(int count, TimeSpan? timeout = null)
    {
        var list = new List<Receipt>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(await NextReceiptAsync(timeout));
        }

        return list;
    }

    /// <summary>
    /// Reads receipts until every message id has its final one (accepted or rejected): a held message gets a
    /// second receipt when it is released or its hold runs out. Returns the final receipt per message id.
    /// </summary>
    /// <param name="deliveries">
    /// How many deliveries were published (duplicates included): every delivery is answered by a receipt of its own, so
    /// reading at least that many means the last duplicate has been processed too.
    /// </param>
    public async Task<IReadOnlyDictionary<string, Receipt>> FinalReceiptsAsync(IEnumerable<string> messageIds, TimeSpan? timeout = null, int deliveries = 0)
    {
        var waiting = messageIds.ToHashSet();
        var final = new Dictionary<string, Receipt>();
        for (var read = 0; waiting.Count > 0 || read < deliveries; read++)
        {
            var receipt = await NextReceiptAsync(timeout);
            if (receipt.Status != ReceiptStatus.Held && receipt.InReplyTo is { } id)
            {
                final[id] = receipt;
                waiting.Remove(id);
            }
        }

        return final;
    }

    /// <summary>Publishes one message and returns its receipt.</summary>
    public async Task<Receipt> SendAsync(string json)
    {
        await PublishAsync(json);
        return await NextReceiptAsync();
    }

    /// <summary>Closes the connection; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _connection.CloseAsync();
        _connection.Dispose();
    }
}
