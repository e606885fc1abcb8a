using IntegrationHub.Host.Dashboard;
using IntegrationHub.Host.Scheduling;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host;

/// <summary>Builds the hub from configuration: appsettings.json, then environment (HUB_ prefix, e.g. HUB_Bus__Transport), then arguments.</summary>
public static class HubHost
{
    /// <param name="clock">The hub's one clock (tests walk it through the years); the system clock when null.</param>
    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("HUB_");
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        if (clock is not null)
        {
            // Registered first: every TryAddSingleton(TimeProvider.System) after this leaves it in place.
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddHubPersistence(database);

        // Registered before the bus so the schema is current before the first message is consumed.
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHubPipeline(builder.Configuration);

        // Nightly jobs (Scheduling/, ADR 0007): time-based ends, child lifecycle; Quartz with the hub's TimeProvider.
        builder.Services.AddHubScheduling(builder.Configuration, database);

        // MassTransit adds its bus and endpoint checks to the same registry: /health is ready only when the
        // broker connection, the intake endpoint and the database all are.
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        // Feed-health dashboard and its JSON API (docs/dashboard.md).
        builder.AddHubDashboard();

        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapHubDashboard();
        Api.LinkingApi.MapLinkingApi(app);
        Api.LifecycleApi.MapLifecycleApi(app);
        return app;
    }

    /// <summary>Brings the configured database's schema up to date; what `serve` does at start and the admin commands before they run.</summary>
    public static async Task MigrateDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<IHubDbContextFactory>().Create();
        await db.MigrateAsync(cancellationToken);
    }

    private sealed class DatabaseMigrator(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => MigrateDatabaseAsync(services, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
