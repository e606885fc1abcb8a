using IntegrationHub.Domain.Identifiers;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>
/// Two sources report the same new children at the same moment to two hub instances consuming one queue. The
/// linking lease serialises linking across instances, and each instance catches its match index up with what the
/// other created, so every child gets exactly one record.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_two_hub_instances_race_on_new_children
{
    private static readonly Dictionary<string, string?> Concurrent = new()
    {
        ["Intake:ConcurrentBatches"] = "2",
        ["Intake:BatchSize"] = "5",
        ["Intake:BatchWaitMilliseconds"] = "2",
    };

    private static readonly string[] FamilyNames = ["Abbott", "Begum", "Chowdhury", "Dlamini", "Evans", "Fitzgerald", "Gallagher", "Hussain", "Iqbal", "Jones",
        "Kowalski", "Lindqvist", "McAllister", "Nakamura", "Okafor", "Patel", "Quinn", "Rahman", "Szabo", "Thompson"];

    private static string NhsNumberFor(int i)
    {
        for (var body = 400_000_000 + (i * 7919); ; body++)
        {
            var nine = body.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is { } check)
            {
                return nine + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    [Test]
    public async Task Each_new_child_gets_exactly_one_record()
    {
        await using var first = await HubUnderTest.StartAsync(Concurrent);
        await using var second = await first.StartAnotherInstanceAsync();
        await using var health = await first.AddSourceAsync("health");
        await using var education = await first.AddSourceAsync("education");

        var children = FamilyNames.Length;
        System.Text.Json.Nodes.JsonObject Child(string sourceId, int i) => Fragments.Start(sourceId, $"K-{i}")
            .With("child.familyName", FamilyNames[i]).With("child.givenName", i % 2 == 0 ? "Amara" : "Leo")
            .With("child.dateOfBirth", new DateOnly(2010, 1, 1).AddDays(i * 37).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .With("child.nhsNumber", NhsNumberFor(i)).With("child.upn", null);

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < children; i++)
                {
                    await health.PublishAsync(Child(health.SourceId, i).ToJsonString());
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < children; i++)
                {
                    await education.PublishAsync(Child(education.SourceId, i).ToJsonString());
                }
            }));
        await health.ReceiptsAsync(children, TimeSpan.FromSeconds(60));
        await education.ReceiptsAsync(children, TimeSpan.FromSeconds(60));

        await using var db = first.Database();
        var links = await db.Set<ChildLink>().ToListAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await db.Set<ChildRecord>().CountAsync(), Is.EqualTo(children));
            Assert.That(links, Has.Count.EqualTo(2 * children));
            Assert.That(links.GroupBy(l => l.ChildId).Select(g => g.Count()), Is.All.EqualTo(2));
        });
    }
}
