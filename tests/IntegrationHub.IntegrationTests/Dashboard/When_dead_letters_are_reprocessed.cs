using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Pipeline.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>
/// A message dead-lettered because its publisher was not registered yet is taken through the intake again once
/// the source is registered: in order, audited, applied once, and its source gets the receipt.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_dead_letters_are_reprocessed
{
    [Test]
    public async Task After_the_fix_the_national_team_reprocesses_the_queue_and_nothing_is_taken_twice()
    {
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        var user = "late-" + hub.RunId;
        var password = Guid.NewGuid().ToString("N");
        var provisioner = hub.Services.GetRequiredService<RabbitMqProvisioner>();
        await provisioner.ProvisionSourceAsync(user, password);
        try
        {
            await using var early = await SourceClient.ConnectAsync(user, password, hub.VirtualHost);
            var first = Fragments.Start(user, "C-early", sequence: 1);
            var second = first.As(UpdateInvolvement.Type, sequence: 2).With("child.address.postcode", "LS6 2QT");
            await early.PublishAsync(first.ToJsonString());
            await early.PublishAsync(second.ToJsonString());
            await Eventually.TrueAsync(async () =>
            {
                await using var db = hub.Database();
                return await db.DeadLetters.CountAsync(d => d.AmqpUser == user) == 2;
            }, "both messages are dead-lettered: their publisher is not a registered source");

            // A data manager may not move the queue, which holds every authority's messages.
            using var manager = await DashboardClient.SignedInAsync(hub, "leeds-manager", AccountRole.DataManager, "Leeds");
            using var refused = await manager.Http.PostAsync("/api/dashboard/dead-letters/reprocess", null);

            await hub.Services.GetRequiredService<SourceRegistry>().RegisterAsync(user, "Late registration", "Leeds", "test");
            using var national = await DashboardClient.SignedInAsync(hub, "national", AccountRole.NationalTeam, null);
            var report = await (await national.Http.PostAsync("/api/dashboard/dead-letters/reprocess", null)).Content.ReadFromJsonAsync<ReprocessReport>();
            var receipts = await early.FinalReceiptsAsync([(string)first["messageId"]!, (string)second["messageId"]!]);
            var again = await (await national.Http.PostAsync("/api/dashboard/dead-letters/reprocess", null)).Content.ReadFromJsonAsync<ReprocessReport>();

            await using var check = hub.Database();
            var rows = await check.DeadLetters.Where(d => d.AmqpUser == user).ToListAsync();
            var postcode = (await check.ChildFragments.SingleAsync(f => f.SourceId == user)).Postcode;
            var audited = await check.Audit.CountAsync(a => a.Action == "deadLetter.reprocessed" && a.Actor == "national" && a.Outcome == "applied");
            Assert.Multiple(() =>
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That((report!.Taken, report.Applied, report.DeadLetteredAgain), Is.EqualTo((2, 2, 0)));
                Assert.That(receipts.Values.Select(r => r.Status), Is.All.EqualTo(ReceiptStatus.Accepted), "the source gets its receipts");
                Assert.That(postcode, Is.EqualTo("LS6 2QT"), "taken in queue order: the update applies over the start");
                Assert.That(rows.Select(r => r.ReprocessedBy), Is.All.EqualTo("national"));
                Assert.That(audited, Is.EqualTo(2));
                Assert.That(again!.Taken, Is.Zero, "nothing is taken twice");
            });
        }
        finally
        {
            await provisioner.DeleteUserAsync(user);
        }
    }

    [Test]
    public async Task One_message_is_reprocessed_after_its_own_childs_earlier_messages_and_the_rest_keep_their_place()
    {
        await using var hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        var user = "late1-" + hub.RunId;
        var password = Guid.NewGuid().ToString("N");
        var provisioner = hub.Services.GetRequiredService<RabbitMqProvisioner>();
        await provisioner.ProvisionSourceAsync(user, password);
        try
        {
            await using var early = await SourceClient.ConnectAsync(user, password, hub.VirtualHost);
            var startA = Fragments.Start(user, "C-a", sequence: 1);
            var startB = OtherChild(Fragments.Start(user, "C-b", sequence: 1), "Bea", "Okafor", "2015-02-03");
            var startC = OtherChild(Fragments.Start(user, "C-c", sequence: 1), "Cal", "Nowak", "2013-07-08");
            var updateA = startA.As(UpdateInvolvement.Type, sequence: 2).With("child.address.postcode", "LS6 2QT");
            foreach (var fragment in new[] { startA, startB, startC, updateA })
            {
                await early.PublishAsync(fragment.ToJsonString());
            }

            await Eventually.TrueAsync(async () =>
            {
                await using var db = hub.Database();
                return await db.DeadLetters.CountAsync(d => d.AmqpUser == user) == 4;
            }, "all four messages are dead-lettered: their publisher is not a registered source");
            await hub.Services.GetRequiredService<SourceRegistry>().RegisterAsync(user, "Late registration", "Leeds", "test");
            // The hub cannot read a message id out of an unattributed message: a row is found by its body's fingerprint.
            static string Sha(System.Text.Json.Nodes.JsonObject f) => Pipeline.Intake.FragmentValidator.Fingerprint(System.Text.Encoding.UTF8.GetBytes(f.ToJsonString()))["sha256:".Length..];
            long RowOf(IEnumerable<Persistence.DeadLetter> rows, System.Text.Json.Nodes.JsonObject f) => rows.Single(r => r.BodySha256 == Sha(f)).Id;
            List<Persistence.DeadLetter> rows;
            await using (var db = hub.Database())
            {
                rows = await db.DeadLetters.Where(d => d.AmqpUser == user).ToListAsync();
            }

            // Another authority's data manager cannot reach the message; Leeds' own can.
            using var york = await DashboardClient.SignedInAsync(hub, "york-manager", AccountRole.DataManager, "York");
            using var refused = await york.Http.PostAsync($"/api/dashboard/dead-letters/{RowOf(rows, updateA)}/reprocess", null);
            using var leeds = await DashboardClient.SignedInAsync(hub, "leeds-manager", AccountRole.DataManager, "Leeds");
            var page = await leeds.Http.GetStringAsync("/dashboard/dead-letters");
            using var done = await leeds.PostFormAsync($"/dashboard/dead-letters/{RowOf(rows, updateA)}/reprocess", [], tokenFrom: "/dashboard/dead-letters");
            var report = await done.Content.ReadAsStringAsync();
            var receipts = await early.FinalReceiptsAsync([(string)startA["messageId"]!, (string)updateA["messageId"]!]);
            var twice = await (await leeds.Http.PostAsync($"/api/dashboard/dead-letters/{RowOf(rows, updateA)}/reprocess", null)).Content.ReadFromJsonAsync<ReprocessReport>();

            await using var check = hub.Database();
            var postcodeA = (await check.ChildFragments.SingleAsync(f => f.SourceId == user && f.SourceChildId == "C-a")).Postcode;
            var others = await check.ChildFragments.CountAsync(f => f.SourceId == user && f.SourceChildId != "C-a");
            var stillWaiting = await check.DeadLetters.Where(d => d.AmqpUser == user && d.ReprocessedAt == null).Select(d => d.BodySha256).ToListAsync();
            var audited = await check.Audit.CountAsync(a => a.Action == "deadLetter.reprocessed" && a.Actor == "leeds-manager" && a.Outcome == "applied");
            Assert.Multiple(() =>
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another authority's dead letter is answered as missing");
                Assert.That(page, Does.Contain($"data-reprocess-one=\"{RowOf(rows, updateA)}\""), "each dead letter has its own Reprocess button");
                Assert.That(report, Does.Contain("2 taken off the dead-letter queue and through the intake again: 2 applied"), "the child's earlier start is taken first, then the message asked for");
                Assert.That(receipts.Values.Select(r => r.Status), Is.All.EqualTo(ReceiptStatus.Accepted));
                Assert.That(postcodeA, Is.EqualTo("LS6 2QT"), "the update applies over its start");
                Assert.That(others, Is.Zero, "the other children's messages are not taken");
                Assert.That(stillWaiting, Is.EquivalentTo(new[] { Sha(startB), Sha(startC) }));
                Assert.That(audited, Is.EqualTo(2));
                Assert.That(twice!.Taken, Is.Zero, "nothing is reprocessed twice");
                Assert.That(twice.NotAvailable, Does.Contain("already reprocessed"));
            });

            // The two left behind kept their place on the queue: the whole queue takes B before C.
            using var national = await DashboardClient.SignedInAsync(hub, "national", AccountRole.NationalTeam, null);
            var rest = await (await national.Http.PostAsync("/api/dashboard/dead-letters/reprocess", null)).Content.ReadFromJsonAsync<ReprocessReport>();
            await using var after = hub.Database();
            var order = await after.Audit.Where(a => a.Action == "deadLetter.reprocessed" && a.Actor == "national").OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync();
            Assert.Multiple(() =>
            {
                Assert.That((rest!.Taken, rest.Applied), Is.EqualTo((2, 2)));
                Assert.That(order, Is.EqualTo(new[] { "sha256:" + Sha(startB), "sha256:" + Sha(startC) }));
            });
        }
        finally
        {
            await provisioner.DeleteUserAsync(user);
        }
    }

    /// <summary>Another child altogether: other name and date of birth, no identifiers shared with Kelly.</summary>
    private static System.Text.Json.Nodes.JsonObject OtherChild(System.Text.Json.Nodes.JsonObject fragment, string given, string family, string dateOfBirth)
    {
        var other = fragment.With("child.givenName", given).With("child.familyName", family).With("child.dateOfBirth", dateOfBirth);
        other["child"]!.AsObject().Remove("nhsNumber");
        other["child"]!.AsObject().Remove("upn");
        return other;
    }
}
