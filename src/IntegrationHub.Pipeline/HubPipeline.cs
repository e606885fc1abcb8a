using IntegrationHub.Contracts;
using IntegrationHub.Pipeline.Intake;
using IntegrationHub.Pipeline.Linking;
using IntegrationHub.Pipeline.Replies;
using IntegrationHub.Pipeline.Sources;
using IntegrationHub.Pipeline.Transport;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace IntegrationHub.Pipeline;

public static class HubPipeline
{
    /// <summary>
    /// Registers the intake flow on the configured transport. The same consumer and the same
    /// processing run on the in-memory transport (embedded mode) and on RabbitMQ.
    /// </summary>
    public static IServiceCollection AddHubPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var bus = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        var intake = configuration.GetSection(IntakeOptions.Section).Get<IntakeOptions>() ?? new IntakeOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => SchemaSet.LoadAsync().GetAwaiter().GetResult());
        services.AddSingleton(sp => new FragmentValidator(sp.GetRequiredService<SchemaSet>(), sp.GetRequiredService<IOptions<IntakeOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new IntakeRules(Domain.Rules.SectorCatalogue.Guidance40));
        services.AddSingleton<IntakeProcessor>();
        services.AddHubLinking();
        services.AddSingleton<IntakeStatistics>();
        services.AddHostedService<HeldMessageExpiry>();
        services.AddScoped<ReplySender>();
        services.AddHubReplyOutbox();
        services.AddSingleton<SourceRegistry>();
        services.AddHttpClient<RabbitMqProvisioner>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BusOptions>>().Value);
        services.AddSingleton<IPublisherIdentity>(bus.Transport == BusTransport.RabbitMq ? new RabbitMqUserId() : new InProcessPublisher());

        // The host reports started only once the broker topology (exchange, intake queue) exists,
        // so nothing (a test, an orchestrator's readiness probe) can publish into a missing exchange.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
        });
        services.AddMassTransit(x =>
        {
            x.AddConsumer<IntakeConsumer>(c => c.Options<BatchOptions>(o => o
                .SetMessageLimit(intake.BatchSize)
                .SetTimeLimit(TimeSpan.FromMilliseconds(intake.BatchWaitMilliseconds))
                // Concurrent batches (and hub instances) are kept apart by the database: unique keys, optimistic concurrency.
                .SetConcurrencyLimit(intake.ConcurrentBatches)));

            if (bus.Transport == BusTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(bus.Host, (ushort)bus.Port, bus.VirtualHost, h =>
                    {
                        h.Username(bus.Username);
                        h.Password(bus.Password);
                    });
                    cfg.ReceiveEndpoint(Topology.IntakeQueue, e =>
                    {
                        e.ConfigureConsumeTopology = false;
                        e.SetQuorumQueue();
                        e.Bind(Topology.FragmentsExchange, b => b.ExchangeType = ExchangeType.Fanout);
                        e.PrefetchCount = Math.Max(intake.PrefetchCount, intake.BatchSize * (intake.ConcurrentBatches + 1));
                        ConfigureIntake(e, context, intake);
                    });
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                    cfg.ReceiveEndpoint(Topology.IntakeQueue, e =>
                    {
                        e.ConfigureConsumeTopology = false;
                        e.PrefetchCount = Math.Max(intake.PrefetchCount, intake.BatchSize * (intake.ConcurrentBatches + 1));
                        ConfigureIntake(e, context, intake);
                    }));
            }
        });

        return services;
    }

    private static void ConfigureIntake(IReceiveEndpointConfigurator endpoint, IRegistrationContext context, IntakeOptions intake)
    {
        // Only deserializers are replaced: MassTransit's own serializer stays for what it sends itself (faults).
        foreach (var contentType in RawBodySerializerFactory.AcceptedContentTypes)
        {
            endpoint.AddDeserializer(new RawBodySerializerFactory(contentType), isDefault: contentType.MediaType == "application/json");
        }

        endpoint.ConfigureConsumer<IntakeConsumer>(context, c =>
            // Only failures of our own storage reach here (bad input never throws). Delayed redelivery needs a
            // broker plugin the Debian RabbitMQ lacks, so retries are in-process intervals; after the last one
            // MassTransit moves the messages to hub.intake_error with the exception in its headers.
            c.UseMessageRetry(r => r.Intervals(Enumerable.Range(0, intake.RetryLimit).Select(i => TimeSpan.FromMilliseconds(200 * (1 << i))).ToArray())));
    }
}
