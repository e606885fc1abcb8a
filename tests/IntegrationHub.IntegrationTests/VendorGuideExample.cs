using System.Diagnostics;
using System.Text.RegularExpressions;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests;

/// <summary>
/// "Any language" proven: the Python example in docs/vendor-guide.md, run as written (pika, no .NET),
/// publishes a fragment to a real hub and reads its receipt. If the guide drifts from the hub, this fails.
/// </summary>
[TestFixture]
[NonParallelizable]
public partial class VendorGuideExample
{
    // Debian's interpreter, where python3-pika is installed (tests/test.sh installs it).
    private const string Python = "/usr/bin/python3";

    [GeneratedRegex("```python\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();

    [Test]
    public async Task The_python_example_publishes_a_fragment_and_reads_an_accepted_receipt()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "docs", "vendor-guide.md"));
        var script = Path.Combine(Path.GetTempPath(), $"vendor-example-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, PythonBlock().Match(guide).Groups[1].Value);

        await using var hub = await HubUnderTest.StartAsync();
        await using var source = await hub.AddSourceAsync("cms-python");
        var start = new ProcessStartInfo(Python, script) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HUB_HOST"] = TestServers.RabbitHost;
        start.Environment["HUB_VHOST"] = hub.VirtualHost;
        start.Environment["HUB_SOURCE"] = source.SourceId;
        start.Environment["HUB_PASSWORD"] = source.Password;

        // The .NET client listens on the same queue; stop it so the Python consumer gets the receipt.
        await source.DisposeAsync();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.Zero, errors);
        Assert.That(output.Trim(), Is.EqualTo("accepted []"), errors);
        await using var db = hub.Database();
        Assert.That(await db.ChildFragments.CountAsync(f => f.SourceId == source.SourceId && f.SourceChildId == "C-1002"), Is.EqualTo(1));
        File.Delete(script);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IntegrationHub.sln not found above " + AppContext.BaseDirectory);
    }
}
