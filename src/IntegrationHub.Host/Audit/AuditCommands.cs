using System.CommandLine;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;

namespace IntegrationHub.Host.Audit;

/// <summary>`hub audit verify`: walks the tamper-evident audit chain and names the first broken entry.</summary>
public static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "The tamper-evident audit trail (statutory guidance 4.43).");
        var verify = new Command("verify", "Check the whole audit chain: every entry's SHA-256 link to the one before, no gaps, nothing cut off the end. Exit code 0 when intact, 1 naming the first broken entry.");
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction(async (parse, ct) =>
        {
            await using var app = HubHost.Build(parse.UnmatchedTokens.ToArray(), new Dictionary<string, string?> { ["Schedule:Enabled"] = "false" });
            await HubHost.MigrateDatabaseAsync(app.Services, ct);
            await using var db = app.Services.GetRequiredService<IHubDbContextFactory>().Create();
            var result = await AuditTrail.VerifyAsync(db, ct);
            if (result.Intact)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"Audit chain intact: {result.EntriesChecked} entries.");
                return 0;
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"Audit chain BROKEN at entry {result.FirstBroken}: {result.Problem}");
            return 1;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }
}
