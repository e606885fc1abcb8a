using System.Text;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>What <c>hub synth</c> was asked to do.</summary>
/// <param name="Children">How many children.</param>
/// <param name="Sources">How many sources (health, education, social-care, youth-justice, early-help, police, then source-7, ...).</param>
/// <param name="Seed">The random seed; the same seed gives the same files.</param>
/// <param name="Out">The output folder.</param>
/// <param name="Data">The public data folder; null to look for ../shared/data.</param>
public sealed record SynthRequest(int Children, int Sources, int Seed, string Out, string? Data);

/// <summary>
/// <c>hub synth</c>: writes one CSV per source (<c>health.csv</c>, ...) and <c>truth.csv</c> (source, record_id,
/// child_id, twin_of: the child born just before in the same birth, for twins and triplets) to the output folder.
/// </summary>
public static class SynthTool
{
    /// <summary>The truth file's name in the output folder.</summary>
    public const string TruthFile = "truth.csv";

    /// <summary>Generates and writes the files; returns the paths of the source files.</summary>
    public static IReadOnlyList<string> Run(SynthRequest request, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (request.Children < 1 || request.Sources < 1)
        {
            throw new ToolException("--children and --sources must be at least 1.");
        }

        var folder = SyntheticData.Locate(request.Data);
        var generated = SyntheticChildren.Generate(SyntheticData.Load(folder), request.Children, request.Sources, request.Seed);
        Directory.CreateDirectory(request.Out);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var paths = new List<string>();
        using var truth = new StreamWriter(Path.Combine(request.Out, TruthFile), append: false, encoding);
        Csv.WriteRecord(truth, ["source", "record_id", "child_id", EvalTool.TwinColumn]);
        foreach (var (source, records) in generated.Sources)
        {
            var path = Path.Combine(request.Out, source.Name + ".csv");
            using (var writer = new StreamWriter(path, append: false, encoding))
            {
                Csv.WriteRecord(writer, SyntheticChildren.Columns);
                foreach (var record in records)
                {
                    Csv.WriteRecord(writer, record.Values);
                    Csv.WriteRecord(truth, [source.Name, record.Values[0], record.ChildId, record.TwinOf ?? string.Empty]);
                }
            }

            paths.Add(path);
            output.WriteLine($"{source.Name,-14} {records.Count,9:N0} records  {Path.GetFullPath(path)}");
        }

        output.WriteLine($"{generated.Children:N0} children, {generated.Sources.Sum(s => s.Records.Count):N0} records, seed {request.Seed}; truth: {Path.GetFullPath(Path.Combine(request.Out, TruthFile))}");
        output.WriteLine($"data: {folder}");
        return paths;
    }
}
