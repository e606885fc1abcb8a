using IntegrationHub.Host;

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
            Assert.That(File.Exists(database), Is.True);
        });
    }
}
