using IntegrationHub.Host;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Sources;
using IntegrationHub.Pipeline.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// The real hub, started through the same configuration path as production, on a RabbitMQ virtual host
/// and a PostgreSQL database of its own, so no test sees another's queues or rows.
/// </summary>
public sealed class HubUnderTest : IAsyncDisposable
{
    private readonly List<string> _users = [];
    private readonly string _database;

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _owner;

    private HubUnderTest(WebApplication app, string virtualHost, string database, Dictionary<string, string?> settings, bool owner, string runId)
    {
        App = app;
        VirtualHost = virtualHost;
        _database = database;
        _settings = settings;
        _owner = owner;
        RunId = runId;
    }

    public WebApplication App { get; }

    public string VirtualHost { get; }

    public string RunId { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Settings for several intake batches at once, small and fast, as the two-instance tests use them.</summary>
    public static IReadOnlyDictionary<string, string?> ConcurrentIntake { get; } = new Dictionary<string, string?>
    {
        ["Intake:ConcurrentBatches"] = "2",
        ["Intake:BatchSize"] = "20",
        ["Intake:BatchWaitMilliseconds"] = "5",

        // An end held by one batch while a concurrent batch commits its start is released by the sweep.
        ["Intake:HeldSweepSeconds"] = "1",
    };

    /// <param name="clock">The hub's clock for every part of it (intake, API, jobs); the system clock when null.</param>
    public static async Task<HubUnderTest> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var virtualHost = "hub-test-" + id;
        var database = "hub_test_" + id;

        await using (var server = new NpgsqlConnection(TestServers.Postgres))
        {
            try
            {
                await server.OpenAsync();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"PostgreSQL is not reachable ({TestServers.Postgres}). Start it with deploy/local/start-postgres.sh; .ci/run does.", ex);
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = database }.ConnectionString;
        var overrides = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = nameof(BusTransport.RabbitMq),
            ["Bus:Host"] = TestServers.RabbitHost,
            ["Bus:Port"] = TestServers.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:VirtualHost"] = virtualHost,
            ["Bus:Username"] = TestServers.RabbitAdminUser,
            ["Bus:Password"] = TestServers.RabbitAdminPassword,
            ["Bus:ManagementUrl"] = TestServers.RabbitManagementUrl,
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["Database:ConnectionString"] = connection,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",

            // The nightly jobs change stored state on their own clock; a test that wants them turns them on.
            ["Schedule:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var app = HubHost.Build([], overrides, clock);
        var provisioner = app.Services.GetRequiredService<RabbitMqProvisioner>();
        try
        {
            await provisioner.CreateVirtualHostAsync();
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"The RabbitMQ management API is not reachable ({TestServers.RabbitManagementUrl}). Start RabbitMQ with deploy/local/start-rabbitmq.sh; .ci/run does.", ex);
        }

        await provisioner.GrantHubAsync();
        await app.StartAsync();
        return new HubUnderTest(app, virtualHost, database, overrides, owner: true, Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>Another hub process on the same broker virtual host and database: a competing consumer of hub.intake.</summary>
    public async Task<HubUnderTest> StartAnotherInstanceAsync()
    {
        var app = HubHost.Build([], _settings);
        await app.StartAsync();
        return new HubUnderTest(app, VirtualHost, _database, _settings, owner: false, RunId);
    }

    /// <summary>What the hub holds from one source, as comparable lines (the source id itself masked).</summary>
    public async Task<List<string>> StateOfAsync(string sourceId)
    {
        await using var db = Database();
        var fragments = await db.ChildFragments.Include(f => f.Involvements).Where(f => f.SourceId == sourceId).ToListAsync();
        return fragments
            .OrderBy(f => f.SourceChildId, StringComparer.Ordinal)
            .SelectMany(f => new[] { $"{f.SourceChildId}|{f.ChildJson}" }.Concat(f.Involvements
                .OrderBy(i => i.ServiceProvisionName, StringComparer.Ordinal)
                .Select(i => $"{f.SourceChildId}|{i.ServiceProvisionName}|{i.StartDate}|{i.EndDate}|{i.Sector}|{i.PractitionerJson}")))
            .Select(s => s.Replace(sourceId, "SOURCE", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Registers and provisions a source the way `hub sources add --password` does, and connects as it.</summary>
    public async Task<SourceClient> AddSourceAsync(string name)
    {
        var sourceId = $"{name}-{RunId}";
        var password = Guid.NewGuid().ToString("N");
        await Services.GetRequiredService<RabbitMqProvisioner>().ProvisionSourceAsync(sourceId, password);
        await Services.GetRequiredService<SourceRegistry>().RegisterAsync(sourceId, name, "Test LA", "test");
        _users.Add(sourceId);
        return await SourceClient.ConnectAsync(sourceId, password, VirtualHost);
    }

    /// <summary>The address the hub's HTTP endpoints actually listen on (the tests ask for port 0).</summary>
    public Uri HttpAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    public HubDbContext Database() => Services.GetRequiredService<IHubDbContextFactory>().Create();

    public async ValueTask DisposeAsync()
    {
        var provisioner = Services.GetRequiredService<RabbitMqProvisioner>();
        await App.StopAsync();
        if (!_owner)
        {
            await App.DisposeAsync();
            return;
        }

        foreach (var user in _users)
        {
            await provisioner.DeleteUserAsync(user);
        }

        await provisioner.DeleteVirtualHostAsync();
        await App.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(TestServers.Postgres);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}
