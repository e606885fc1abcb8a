using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Pipeline.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Intake;

[TestFixture]
[NonParallelizable]
public class When_the_database_refuses_one_message
{
    private HubUnderTest _hub = null!;

    // A larger batch window makes the three messages share one batch, as they would under load.
    [OneTimeSetUp]
    public async Task Start() => _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Intake:BatchWaitMilliseconds"] = "500" });

    [OneTimeTearDown]
    public async Task Stop() => await _hub.DisposeAsync();

    [Test]
    public async Task It_is_dead_lettered_with_the_cause_and_the_rest_of_its_batch_is_applied()
    {
        await using var source = await _hub.AddSourceAsync("cms-poison");
        await using (var db = _hub.Database())
        {
            // A real database fault, injected the way a DBA's constraint would refuse a row.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION refuse_poison() RETURNS trigger AS $$
                BEGIN
                  IF NEW."FamilyName" = 'Poisoned' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_poison BEFORE INSERT ON child_fragments FOR EACH ROW EXECUTE FUNCTION refuse_poison();
                """);
        }

        var good1 = Fragments.Start(source.SourceId, "C-good-1");
        var poison = Fragments.Start(source.SourceId, "C-poison").With("child.familyName", "Poisoned");
        var good2 = Fragments.Start(source.SourceId, "C-good-2");
        await source.PublishAsync(good1.ToJsonString());
        await source.PublishAsync(poison.ToJsonString());
        await source.PublishAsync(good2.ToJsonString());

        var receipts = await source.ReceiptsAsync(2);
        Assert.That(receipts.Select(r => r.InReplyTo), Is.EquivalentTo(new[] { (string)good1["messageId"]!, (string)good2["messageId"]! }));
        Assert.That(receipts.Select(r => r.Status), Is.All.EqualTo(ReceiptStatus.Accepted));

        await Eventually.TrueAsync(async () =>
        {
            var counts = (await _hub.Services.GetRequiredService<IntakeStatistics>().CountsAsync()).Single(c => c.Source == source.SourceId);
            return counts is { Applied: 2, DeadLettered: 1 };
        }, "two applied and one dead-lettered");
        await using var check = _hub.Database();
        var dead = await check.DeadLetters.SingleAsync(d => d.AmqpUser == source.SourceId);
        Assert.That(dead.Cause, Does.Contain("refused by test trigger"));
    }
}
