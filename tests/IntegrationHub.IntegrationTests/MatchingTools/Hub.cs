using System.CommandLine;
using IntegrationHub.Host.MatchingTools;

namespace IntegrationHub.IntegrationTests.MatchingTools;

/// <summary>Runs the matching commands as the hub executable would, capturing what they print.</summary>
internal static class Hub
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var command in MatchingCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A fresh temporary folder.</summary>
    public static string TempFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hub-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Reads a CSV file as header-keyed rows.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        var records = Csv.Read(reader).ToList();
        return records.Skip(1).Select(r => records[0].Select((column, i) => (column, value: i < r.Length ? r[i] : string.Empty)).ToDictionary(x => x.column, x => x.value)).ToList();
    }

    /// <summary>The number after "F1 " in eval's output.</summary>
    public static double F1(string evalOutput)
    {
        var start = evalOutput.IndexOf("F1 ", StringComparison.Ordinal) + 3;
        var end = evalOutput.IndexOfAny(['\r', '\n'], start);
        return double.Parse(evalOutput[start..end], System.Globalization.CultureInfo.InvariantCulture);
    }
}
