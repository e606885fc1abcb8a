using System.Diagnostics;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>`hub accounts add`, run as the real executable against the hub's database, then used to sign in.</summary>
[TestFixture]
[NonParallelizable]
public class When_an_account_is_added_from_the_command_line
{
    private HubUnderTest _hub = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        _folder = Directory.CreateTempSubdirectory("hub-accounts-").FullName;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _hub.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int ExitCode, string Output)> HubAsync(params string[] args)
    {
        await using var db = _hub.Database();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hub.dll") }.Concat(args).Concat(["--Database:Provider=Postgres", "--Database:ConnectionString=" + db.Database.GetConnectionString()]))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }

    [Test]
    public async Task The_data_manager_can_sign_in_and_sees_their_authority()
    {
        var passwordFile = Path.Combine(_folder, "calderdale");
        await File.WriteAllTextAsync(passwordFile, "a long enough passphrase\n");
        var source = await _hub.RegisterSourceAsync("cms-calderdale", "Calderdale");

        var (exitCode, output) = await HubAsync("accounts", "add", "--user", "calderdale-manager", "--role", "DataManager", "--authority", "Calderdale", "--password-file", passwordFile);

        Assert.That(exitCode, Is.EqualTo(0), output);
        using var client = await DashboardClient.SignInAsync(_hub, "calderdale-manager", "a long enough passphrase");
        var overview = await client.ApiAsync<Overview>("/api/dashboard/overview");
        Assert.That(overview!.Scope, Is.EqualTo("Calderdale"));
        Assert.That(overview.Feeds.Select(f => f.SourceId), Is.EqualTo(new[] { source }));
        await using var db = _hub.Database();
        Assert.That(await db.Audit.AnyAsync(a => a.Action == "account.add" && a.Detail!.StartsWith("calderdale-manager")), Is.True);
    }

    [Test]
    public async Task A_data_manager_without_an_authority_or_a_short_password_is_refused()
    {
        var passwordFile = Path.Combine(_folder, "short");
        await File.WriteAllTextAsync(passwordFile, "short");

        var noAuthority = await HubAsync("accounts", "add", "--user", "nobody", "--role", "DataManager", "--password-file", passwordFile);

        Assert.That(noAuthority.ExitCode, Is.Not.EqualTo(0));
        Assert.That(noAuthority.Output, Does.Contain("needs --authority").And.Contain("at least 12 characters"));
        await using var db = _hub.Database();
        Assert.That(await db.Set<Persistence.Accounts.Account>().AnyAsync(a => a.UserName == "nobody"), Is.False);
    }
}
