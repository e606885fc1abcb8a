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
}
