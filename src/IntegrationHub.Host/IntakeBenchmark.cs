using System.Diagnostics;
using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Sources;
using IntegrationHub.Pipeline.Transport;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IntegrationHub.Host;

/// <summary>
/// `hub bench intake`: end-to-end intake throughput (publish → receipt, through the real broker and the
/// configured database) against the raw ceiling measured in the same run: a bare RabbitMQ client
/// publishing the same number of persistent messages of the same size to a quorum queue and a bare
/// consumer acknowledging them. Runs on a virtual host of its own, removed afterwards.
/// </summary>
public static class IntakeBenchmark
{
    private const int Window = 500;

    /// <param name="linking">Each message about a different child, with linking on: the whole path (rules, store, linking to a new child record, best view, audit chain).</param>
    public static async Task<int> RunAsync(string[] hubArgs, int messages, bool linking, TextWriter output, CancellationToken cancellationToken)
    {
        var virtualHost = "hub-bench-" + Guid.NewGuid().ToString("N")[..8];
        await using var app = HubHost.Build(hubArgs, new Dictionary<string, string?>
        {
            ["Bus:Transport"] = nameof(BusTransport.RabbitMq),
            ["Bus:VirtualHost"] = virtualHost,
            ["Logging:LogLevel:Default"] = "Warning",
            // Without --linking every fragment describes the same child, which linking would gather into one record.
            ["Linking:Enabled"] = linking ? "true" : "false",
            ["Urls"] = "http://127.0.0.1:0",
            // The nightly jobs' run after start would land in the measurement.
            ["Schedule:Enabled"] = "false",
        });
        var bus = app.Services.GetRequiredService<IOptions<BusOptions>>().Value;
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var provisioner = app.Services.GetRequiredService<RabbitMqProvisioner>();
        await provisioner.CreateVirtualHostAsync(cancellationToken);
        await provisioner.GrantHubAsync(cancellationToken);
        try
        {
            var sample = Body("bench", 0, linking);
            output.WriteLine($"Conditions: {messages} persistent messages of {sample.Length} bytes; {Environment.ProcessorCount} cores; RabbitMQ at {bus.Host}:{bus.Port}; database {database.Provider}; .NET {Environment.Version}.");

            // Each side first runs a tenth of the load unmeasured, so JIT tiering and connection set-up are not in the figures.
            await BareRabbitMqAsync(bus, virtualHost, messages / 10, sample.Length, cancellationToken);
            var ceiling = await BareRabbitMqAsync(bus, virtualHost, messages, sample.Length, cancellationToken);
            output.WriteLine($"Ceiling  bare RabbitMQ.Client, quorum queue, publisher confirms, consumer acks: {ceiling,8:F0} msg/s");

            await app.StartAsync(cancellationToken);
            var password = Guid.NewGuid().ToString("N");
            const string source = "bench-source";
            await provisioner.ProvisionSourceAsync(source, password, cancellationToken);
            await app.Services.GetRequiredService<SourceRegistry>().RegisterAsync(source, "Benchmark source", null, "bench", cancellationToken);

            await HubAsync(bus, virtualHost, source, password, 0, messages / 10, linking, cancellationToken);
            var hub = await HubAsync(bus, virtualHost, source, password, messages / 10, messages, linking, cancellationToken);
            var path = linking ? "validate -> rules -> store -> link to a new child record" : "validate -> rules -> store";
            output.WriteLine($"Hub      publish -> {path} ({database.Provider}) -> receipt on reply queue: {hub.Rate,8:F0} msg/s ({hub.Accepted} accepted)");
            const int paced = 200;
            var latency = await HubAsync(bus, virtualHost, source, password, messages + messages / 10, paced * 10, linking, cancellationToken, perSecond: paced);
            output.WriteLine($"Latency  publish -> receipt at a steady {paced} msg/s for 10 s: p50 {latency.P50.TotalMilliseconds:F1} ms, p99 {latency.P99.TotalMilliseconds:F1} ms");
            output.WriteLine($"Ratio    hub / ceiling = {hub.Rate / ceiling:P0}");
            await provisioner.DeleteUserAsync(source, cancellationToken);
            await app.StopAsync(cancellationToken);
            return hub.Accepted == messages && latency.Accepted == paced * 10 ? 0 : 1;
        }
        finally
        {
            await provisioner.DeleteVirtualHostAsync(CancellationToken.None);
        }
    }

    private static readonly string[] GivenNames = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Willow", "Freya", "Florence", "Emily",
        "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore", "Freddie",
        "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo"];

    private static readonly string[] FamilyNames = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson",
        "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
        "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen"];

    private static readonly string[] Syllables = ["", "brook", "ley", "ton", "field", "ford", "wood", "well", "by", "ham", "stone", "worth", "dale", "mere", "croft", "holm", "wick", "thorpe", "gate", "shaw"];

    /// <summary>The letters a UK postcode's inward code may use.</summary>
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    /// <summary>With <paramref name="distinct"/>, message <paramref name="i"/> is about a child of its own: its own names, date of birth and valid NHS number.</summary>
    private static byte[] Body(string source, int i, bool distinct)
    {
        var child = Template.Child;
        if (distinct)
        {
            var nine = 400_000_000 + (i * 11);
            var check = Domain.Identifiers.NhsNumber.CheckDigit(nine.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (; check is null; nine++, check = Domain.Identifiers.NhsNumber.CheckDigit(nine.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
            }

            child = child with
            {
                GivenName = GivenNames[i % GivenNames.Length],
                // A family name of its own (e.g. "Smithbrookley"): children of one name born apart are a matching question, not a throughput one.
                FamilyName = FamilyNames[i / GivenNames.Length % FamilyNames.Length] + Syllables[i / 1600 % Syllables.Length] + Syllables[i / 32_000 % Syllables.Length].ToLowerInvariant(),
                MiddleNames = GivenNames[(i / (GivenNames.Length * FamilyNames.Length) + 7) % GivenNames.Length],
                DateOfBirth = new DateOnly(2009, 1, 1).AddDays(i * 97 % 5800),
                NhsNumber = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{nine}{check}"),
                Upn = null,
                ParentsCarers = null,
                School = null,
                Gp = null,
                // Children of different households: another house and postcode sector each (LS1..LS29, sectors 1-9).
                Address = new Address
                {
                    Lines = [string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{1 + (i % 199)} {FamilyNames[(i / 7) % FamilyNames.Length]} Road"), "Leeds"],
                    Postcode = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"LS{1 + (i % 29)} {1 + (i / 29 % 9)}{InwardLetters[i % InwardLetters.Length]}{InwardLetters[i / InwardLetters.Length % InwardLetters.Length]}"),
                },
            };
        }

        return JsonSerializer.SerializeToUtf8Bytes(Template with { MessageId = $"bench-{i}", SourceId = source, SourceChildId = $"C-{i}", Sequence = i + 1, ProducedAt = DateTimeOffset.UtcNow, Child = child }, HubJson.Options);
    }

    private static readonly StartInvolvement Template = new()
    {
        MessageId = "bench",
        SourceId = "bench",
        SourceChildId = "C",
        Sequence = 1,
        ProducedAt = DateTimeOffset.UtcNow,
        Child = new Child
        {
            GivenName = "Kelly",
            MiddleNames = "Anne",
            FamilyName = "Morgan",
            DateOfBirth = new DateOnly(2012, 4, 17),
            Gender = Gender.Female,
            Address = new Address { Lines = ["12 Station Road", "Headingley", "Leeds"], Postcode = "LS1 4DY" },
            NhsNumber = "4857773457",
            Upn = "G209301512001",
            ParentsCarers = [new ParentCarer { GivenName = "Jo", FamilyName = "Morgan", Relationship = Relationship.Mother }],
            School = new School { Name = "Park View Academy", Urn = "107123" },
            Gp = new Gp { PracticeName = "Station Road Surgery", PracticeCode = "B86001" },
        },
        Involvement = new Involvement
        {
            ServiceProvisionName = "Children's Social Care",
            StartDate = new DateOnly(2025, 3, 10),
            Sector = Sector.SocialCare,
            ServiceType = ServiceType.SpecialistTargeted,
            Practitioner = new Practitioner { Name = "Ms A Okafor", Role = "Social worker", Team = "Area Team East", Organisation = "Leeds City Council", Phone = "0113 496 0000", Email = "a.okafor@example.org" },
            Evidence = new Evidence { SocialCare = new SocialCareEvidence { InitialAssessmentStarted = true } },
        },
    };

    private static ConnectionFactory Factory(BusOptions bus, string virtualHost, string user, string password) =>
        new() { HostName = bus.Host, Port = bus.Port, VirtualHost = virtualHost, UserName = user, Password = password };

    private static async Task PublishAllAsync(IChannel channel, string exchange, string routingKey, int messages, Func<int, byte[]> body, string? userId, CancellationToken cancellationToken)
    {
        var pending = new List<Task>(Window);
        for (var i = 0; i < messages; i++)
        {
            var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json", UserId = userId };
            pending.Add(channel.BasicPublishAsync(exchange, routingKey, false, properties, body(i), cancellationToken).AsTask());
            if (pending.Count == Window)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    private static async Task<double> BareRabbitMqAsync(BusOptions bus, string virtualHost, int messages, int size, CancellationToken cancellationToken)
    {
        await using var connection = await Factory(bus, virtualHost, bus.Username, bus.Password).CreateConnectionAsync(cancellationToken);
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), cancellationToken);
        await using var consumerChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        const string queue = "bench.ceiling";
        await publisher.QueueDeleteAsync(queue, cancellationToken: cancellationToken);
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await consumerChannel.BasicQosAsync(0, 1000, false, cancellationToken);

        var done = new TaskCompletionSource();
        var received = 0;
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, false, cancellationToken);
            if (Interlocked.Increment(ref received) == messages)
            {
                done.TrySetResult();
            }
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);

        var payload = new byte[size];
        var clock = Stopwatch.StartNew();
        await PublishAllAsync(publisher, string.Empty, queue, messages, _ => payload, null, cancellationToken);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        return messages / clock.Elapsed.TotalSeconds;
    }

    private sealed record HubRun(double Rate, int Accepted, TimeSpan P50, TimeSpan P99);

    /// <param name="perSecond">0 publishes flat out (throughput); otherwise paced at that rate (latency below saturation).</param>
    private static async Task<HubRun> HubAsync(BusOptions bus, string virtualHost, string source, string password, int first, int messages, bool distinct, CancellationToken cancellationToken, int perSecond = 0)
    {
        await using var connection = await Factory(bus, virtualHost, source, password).CreateConnectionAsync(cancellationToken);
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), cancellationToken);
        await using var replies = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await replies.BasicQosAsync(0, 1000, false, cancellationToken);

        var bodies = Enumerable.Range(first, messages).Select(i => Body(source, i, distinct)).ToArray();
        var sentAt = new long[messages];
        var latency = new long[messages];
        var done = new TaskCompletionSource();
        var received = 0;
        var accepted = 0;
        var consumer = new AsyncEventingBasicConsumer(replies);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            using (var receipt = JsonDocument.Parse(delivery.Body))
            {
                if (receipt.RootElement.GetProperty("messageType").GetString() != Receipt.Type)
                {
                    // A mismatch notification or review outcome from linking: not an answer to count.
                    await replies.BasicAckAsync(delivery.DeliveryTag, false, cancellationToken);
                    return;
                }

                if (receipt.RootElement.GetProperty("status").GetString() == "accepted")
                {
                    Interlocked.Increment(ref accepted);
                }

                // Message ids are "bench-<i>": the receipt says which message it answers.
                var index = int.Parse(receipt.RootElement.GetProperty("inReplyTo").GetString()!["bench-".Length..], System.Globalization.CultureInfo.InvariantCulture) - first;
                latency[index] = arrived - Volatile.Read(ref sentAt[index]);
            }

            await replies.BasicAckAsync(delivery.DeliveryTag, false, cancellationToken);
            if (Interlocked.Increment(ref received) == messages)
            {
                done.TrySetResult();
            }
        };
        await replies.BasicConsumeAsync(Topology.ReplyQueue(source), autoAck: false, consumer, cancellationToken);

        var clock = Stopwatch.StartNew();
        if (perSecond == 0)
        {
            await PublishAllAsync(publisher, Topology.FragmentsExchange, string.Empty, messages, i =>
            {
                Volatile.Write(ref sentAt[i], Stopwatch.GetTimestamp());
                return bodies[i];
            }, source, cancellationToken);
        }
        else
        {
            for (var i = 0; i < messages; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }

                Volatile.Write(ref sentAt[i], Stopwatch.GetTimestamp());
                await publisher.BasicPublishAsync(Topology.FragmentsExchange, string.Empty, false,
                    new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json", UserId = source }, bodies[i], cancellationToken);
            }
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(20), cancellationToken);
        var rate = messages / clock.Elapsed.TotalSeconds;
        Array.Sort(latency);
        TimeSpan Percentile(double p) => Stopwatch.GetElapsedTime(0, latency[Math.Min(messages - 1, (int)(messages * p))]);
        return new HubRun(rate, accepted, Percentile(0.50), Percentile(0.99));
    }
}
