using System.CommandLine;
using IntegrationHub.Host;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.Host.MatchingTools;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Pipeline.Intake;
using IntegrationHub.Pipeline.Sources;

var root = new RootCommand("IntegrationHub: the hub for children's-services data feeds.");

var serve = new Command("serve", "Run the hub: consume fragments, send receipts. Configure with appsettings.json, HUB_* environment variables or --Section:Key=value.");
serve.TreatUnmatchedTokensAsErrors = false;
serve.SetAction(async (parse, ct) =>
{
    await using var app = HubHost.Build(parse.UnmatchedTokens.ToArray());
    await app.RunAsync(ct);
    return 0;
});
root.Subcommands.Add(serve);

var databaseOption = new Option<string>("--database") { Description = "SQLite file for the sample run.", DefaultValueFactory = _ => "integrationhub-sample.db" };
var sample = new Command("sample", "Embedded demonstration: in-memory bus and SQLite, publish the sample feed through the intake path, print every receipt and the counts.") { databaseOption };
sample.SetAction((parse, ct) => SampleRun.RunAsync(Path.GetFullPath(parse.GetValue(databaseOption)!), Console.Out, ct));
root.Subcommands.Add(sample);

var sources = new Command("sources", "Manage accredited sources.");
var idArgument = new Argument<string>("id") { Description = "The source id; also its RabbitMQ user name (lower case, digits, '.', '-')." };
var nameOption = new Option<string>("--name") { Description = "Display name.", Required = true };
var laOption = new Option<string?>("--local-authority") { Description = "The local authority the feed belongs to." };
var passwordOption = new Option<string?>("--password") { Description = "Create the source's RabbitMQ user with this password (needs the management plugin)." };
sources.Subcommands.Add(AdminCommand(
    new Command("add", "Register a source and, with --password, create its RabbitMQ user, permissions and reply queue.") { idArgument, nameOption, laOption, passwordOption },
    async (services, parse, ct) =>
    {
        var id = parse.GetValue(idArgument)!;
        if (parse.GetValue(passwordOption) is { } password)
        {
            await services.GetRequiredService<RabbitMqProvisioner>().ProvisionSourceAsync(id, password, ct);
        }

        await services.GetRequiredService<SourceRegistry>().RegisterAsync(id, parse.GetValue(nameOption)!, parse.GetValue(laOption), "cli", ct);
        Console.WriteLine($"Source '{id}' registered.");
    }));

sources.Subcommands.Add(AdminCommand(
    new Command("list", "List the registered sources and their status."),
    async (services, _, ct) =>
    {
        foreach (var s in await services.GetRequiredService<SourceRegistry>().ListAsync(ct))
        {
            Console.WriteLine($"{s.Id,-32} {s.Status,-11} {s.LocalAuthority,-20} {s.Name}");
        }
    }));

var statusArgument = new Argument<SourceStatus>("status") { Description = "Accredited, Suspended or Terminated." };
var reasonOption = new Option<string>("--reason") { Description = "Why; kept in the audit trail.", Required = true };
sources.Subcommands.Add(AdminCommand(
    new Command("set-status", "Suspend, resume (Accredited) or terminate a feed. Messages from a feed that is not accredited are rejected with the reason code.")
    {
        idArgument, statusArgument, reasonOption,
    },
    async (services, parse, ct) =>
    {
        await services.GetRequiredService<SourceRegistry>().SetStatusAsync(parse.GetValue(idArgument)!, parse.GetValue(statusArgument), parse.GetValue(reasonOption)!, Environment.UserName, ct);
        Console.WriteLine($"Source '{parse.GetValue(idArgument)}' is now {parse.GetValue(statusArgument)}.");
    }));
root.Subcommands.Add(sources);

root.Subcommands.Add(AdminCommand(
    new Command("counts", "Where every message from every source ended: applied, held, rejected, dead-lettered, plus duplicates absorbed."),
    async (services, _, ct) =>
    {
        foreach (var c in await services.GetRequiredService<IntakeStatistics>().CountsAsync(ct))
        {
            Console.WriteLine($"{c.Source,-24} applied {c.Applied,7}  held {c.Held,7}  rejected {c.Rejected,7}  dead-lettered {c.DeadLettered,7}  duplicates {c.DuplicateDeliveries,7}");
        }
    }));

var accounts = new Command("accounts", "Dashboard sign-in accounts.");
var userOption = new Option<string>("--user") { Description = "The user name to sign in with.", Required = true };
var roleOption = new Option<AccountRole>("--role") { Description = "DataManager (own local authority's feeds only) or NationalTeam (all).", Required = true };
var authorityOption = new Option<string?>("--authority") { Description = "A data manager's local authority, as in `hub sources add --local-authority`." };
var passwordFileOption = new Option<FileInfo>("--password-file") { Description = "A file holding the password (at least 12 characters), so it appears in no shell history.", Required = true };
var addAccount = new Command("add", "Create a dashboard account, or reset its role, authority and password. Audited.") { userOption, roleOption, authorityOption, passwordFileOption };
addAccount.Validators.Add(result =>
{
    if (result.GetValue(roleOption) == AccountRole.DataManager && string.IsNullOrWhiteSpace(result.GetValue(authorityOption)))
    {
        result.AddError("A data manager needs --authority: the local authority whose feeds they review.");
    }

    if (result.GetValue(passwordFileOption) is { } file && (!file.Exists || File.ReadAllText(file.FullName).TrimEnd('\r', '\n').Length < AccountStore.MinimumPasswordLength))
    {
        result.AddError($"--password-file must exist and hold a password of at least {AccountStore.MinimumPasswordLength} characters.");
    }
});
accounts.Subcommands.Add(AdminCommand(
    addAccount,
    async (services, parse, ct) =>
    {
        var password = (await File.ReadAllTextAsync(parse.GetValue(passwordFileOption)!.FullName, ct)).TrimEnd('\r', '\n');
        var user = parse.GetValue(userOption)!;
        await services.GetRequiredService<AccountStore>().AddAsync(user, parse.GetValue(roleOption), parse.GetValue(authorityOption), password, Environment.UserName, ct);
        Console.WriteLine($"Account '{user}' saved.");
    }));
root.Subcommands.Add(accounts);

var messagesOption = new Option<int>("--messages") { Description = "How many messages to publish in each run.", DefaultValueFactory = _ => 20_000 };
var linkingOption = new Option<bool>("--linking") { Description = "Each message about a different child, with linking on: the whole path to a new child record." };
var bench = new Command("bench", "Measure intake throughput (publish to receipt) against the bare-RabbitMQ ceiling, on the configured broker and database.") { messagesOption, linkingOption };
bench.TreatUnmatchedTokensAsErrors = false;
bench.SetAction((parse, ct) => IntakeBenchmark.RunAsync(parse.UnmatchedTokens.ToArray(), parse.GetValue(messagesOption), parse.GetValue(linkingOption), Console.Out, ct));
root.Subcommands.Add(bench);

root.Subcommands.Add(IntegrationHub.Host.Audit.AuditCommands.Create());

foreach (var command in MatchingCommands.Create())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();

// An administrative command: the hub's configuration (--Section:Key=value after its own arguments), its
// database brought up to date, no bus started.
static Command AdminCommand(Command command, Func<IServiceProvider, ParseResult, CancellationToken, Task> body)
{
    command.TreatUnmatchedTokensAsErrors = false;
    command.SetAction(async (parse, ct) =>
    {
        await using var app = HubHost.Build(parse.UnmatchedTokens.ToArray());
        await HubHost.MigrateDatabaseAsync(app.Services, ct);
        await body(app.Services, parse, ct);
        return 0;
    });
    return command;
}
