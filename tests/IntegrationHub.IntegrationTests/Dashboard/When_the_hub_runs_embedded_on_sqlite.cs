using IntegrationHub.Host;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.Persistence.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>
/// The embedded default (in-memory bus, SQLite) serves the dashboard too. SQLite cannot compare
/// DateTimeOffset values in SQL, so the dashboard reads differently there: this proves that path.
/// </summary>
public class When_the_hub_runs_embedded_on_sqlite
{
    [Test]
    public async Task The_sample_feed_shows_on_the_dashboard()
    {
        var database = Path.Combine(Path.GetTempPath(), $"hub-dashboard-{Guid.NewGuid():N}.db");
        Assert.That(await SampleRun.RunAsync(database, new StringWriter(), CancellationToken.None), Is.Zero);

        await using var app = HubHost.Build([], new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Urls"] = "http://127.0.0.1:0",
            ["Dashboard:AlertsEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        try
        {
            await app.Services.GetRequiredService<AccountStore>().AddAsync("national", AccountRole.NationalTeam, null, DashboardClient.Password, "test");
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var client = await DashboardClient.SignInAsync(address, "national", DashboardClient.Password);

            var overview = await client.ApiAsync<Overview>("/api/dashboard/overview");
            var detail = await client.ApiAsync<SourceDetail>("/api/dashboard/sources/sample-cms");
            var dead = await client.ApiAsync<List<DeadLetterRow>>("/api/dashboard/dead-letters");
            var page = await client.Http.GetAsync("/dashboard/sources/sample-cms");

            var feed = overview!.Feeds.Single(f => f.SourceId == "sample-cms");
            Assert.That((feed.Last30Days.Applied, feed.Last30Days.Rejected), Is.EqualTo((5, 8)));
            Assert.That(feed.LastReceived, Is.Not.Null);
            Assert.That(overview.IntakeQueue.Problem, Does.Contain("in-memory"));
            Assert.That(detail!.TopReasons.Select(r => r.Code), Does.Contain("child.nhsNumber.checkDigit"));
            Assert.That(detail.Last48Hours.Sum(b => b.Counts.Received), Is.EqualTo(13));
            Assert.That(dead!, Has.Count.EqualTo(1));
            Assert.That(page.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
