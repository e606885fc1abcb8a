using IntegrationHub.Host;
using IntegrationHub.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests;

/// <summary>The README's first command: in-memory bus, SQLite, the sample feed through the intake path.</summary>
public class EmbeddedSampleRun
{
    [Test]
    public async Task The_sample_feed_runs_on_sqlite_and_every_message_is_reconciled()
    {
        var database = Path.Combine(Path.GetTempPath(), $"hub-sample-{Guid.NewGuid():N}.db");
        var output = new StringWriter();

        var exitCode = await SampleRun.RunAsync(database, output, CancellationToken.None);

        var text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, text);
            Assert.That(text, Does.Contain("every message reconciled"));
            Assert.That(text, Does.Contain("[child.nhsNumber.checkDigit]"));
            Assert.That(text, Does.Contain("did you mean 'givenName'?"));
            Assert.That(text, Does.Contain("[sequence.superseded]"));
            Assert.That(text, Does.Contain("duplicate"));
            Assert.That(text, Does.Contain("[rules.trigger.notMet]").And.Contain("guidance 000 4.2.2"));
            Assert.That(text, Does.Contain("[rules.sensitive.notAllowed]"));
            Assert.That(File.Exists(database), Is.True);
        });

        // What SQLite holds after start, update and end of one provision: one row, ended, with the update's
        // practitioner. (New rows are bulk-inserted, updates go through EF: both must agree on the keys.)
        await using var db = new SqliteHubDbContext(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite($"Data Source={database}").Options);
        var paul = await db.ChildFragments.Include(f => f.Involvements).SingleAsync(f => f.SourceChildId == "C-1002");
        Assert.Multiple(() =>
        {
            Assert.That(paul.Involvements, Has.Count.EqualTo(1));
            Assert.That(paul.Involvements[0].EndDate, Is.EqualTo(new DateOnly(2026, 11, 5)));
            Assert.That(paul.Involvements[0].PractitionerJson, Does.Contain("Ms A Okafor"));
            Assert.That(paul.Postcode, Is.EqualTo("LS6 2QT"));
            Assert.That(paul.DemographicsSequence, Is.EqualTo(4));
        });
    }
}
