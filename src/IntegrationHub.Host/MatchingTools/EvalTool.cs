using System.Text.Json;
using IntegrationHub.Matching.Evaluation;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>What <c>hub eval</c> was asked to do.</summary>
/// <param name="Links">The links file from <c>hub link</c>.</param>
/// <param name="Truth">The truth file: one row per record with its true cluster (child).</param>
/// <param name="RunSummary">The run summary; null for the one beside the links file, if any.</param>
/// <param name="IdColumn">The truth file's record id column.</param>
/// <param name="ClusterColumn">The truth file's cluster (child) id column.</param>
/// <param name="SourceColumn">The truth file's source column (the input file name without extension); used when present.</param>
public sealed record EvalRequest(string Links, string Truth, string? RunSummary, string IdColumn, string ClusterColumn, string SourceColumn);

/// <summary>The figures <c>hub eval</c> prints.</summary>
/// <param name="Scores">Pairwise true and false positives, false negatives, precision, recall, F1.</param>
/// <param name="Records">Truth records evaluated.</param>
/// <param name="Run">The link run's summary, if found (timing, files).</param>
/// <param name="Twins">When the truth has a <see cref="EvalTool.TwinColumn"/> column: pairs of children born together, and
/// how many of those pairs the links made one child (issue 4 asks for none).</param>
public sealed record EvalResult(PairwiseScores Scores, int Records, RunSummary? Run, (int Pairs, int Merged)? Twins = null);

/// <summary>
/// <c>hub eval</c>: pairwise precision, recall and F1 of the clusters the links form (connected components;
/// a record in no link is alone) against the truth clusters. Which records count: those of the truth file,
/// restricted to the files the link run read when its run summary is found and the truth has a source column.
/// A two-file link is scored on cross pairs only (one record from each file), all that it decides, when the
/// truth has a source column; otherwise, and for deduplication, on all pairs.
/// </summary>
public static class EvalTool
{
    /// <summary>
    /// The truth's optional column naming, for a twin or triplet, the child (its <c>--cluster-column</c> value) born
    /// just before in the same birth (<c>hub synth</c> writes it). When present, eval counts the pairs of such
    /// children the links merged.
    /// </summary>
    public const string TwinColumn = "twin_of";

    /// <summary>Scores the links and prints the figures.</summary>
    public static EvalResult Run(EvalRequest request, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var summaryPath = request.RunSummary ?? LinkTool.RunSummaryPath(request.Links);
        RunSummary? run = null;
        if (File.Exists(summaryPath))
        {
            run = JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(summaryPath), RunSummary.Json);
        }
        else if (request.RunSummary is not null)
        {
            throw new ToolException($"Run summary not found: {summaryPath}");
        }

        var truth = RecordTable.Load(request.Truth);
        var id = Column(truth, request.IdColumn);
        var cluster = Column(truth, request.ClusterColumn);
        var source = truth.IndexOf(request.SourceColumn);
        var twinColumn = truth.IndexOf(TwinColumn);
        var twinOf = new Dictionary<string, string>(StringComparer.Ordinal);
        string Key(string? src, string recordId) => source >= 0 ? $"{src}\u001f{recordId}" : recordId;

        var sides = run?.Files.ToDictionary(f => f.Source, f => f.Side, StringComparer.Ordinal);
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var recordSides = new List<string>();
        var perSource = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in truth.Rows)
        {
            // Births are read from every row, so a triplet known only to a file not linked still joins the other two.
            if (twinColumn >= 0 && row[twinColumn] is { Length: > 0 } twin && row[cluster] is { } child)
            {
                twinOf[child] = twin;
            }

            var src = source >= 0 ? row[source] ?? string.Empty : string.Empty;
            string side = "left";
            if (sides is not null && source >= 0 && !sides.TryGetValue(src, out side!))
            {
                continue;
            }

            var recordId = row[id] ?? throw new ToolException($"{request.Truth}: a row has no {request.IdColumn}.");
            if (!keys.TryAdd(Key(src, recordId), labels.Count))
            {
                throw new ToolException($"{request.Truth}: record {recordId} appears twice" + (source >= 0 ? $" in source {src}." : "; add a source column if ids repeat across files."));
            }

            labels.Add(row[cluster] ?? throw new ToolException($"{request.Truth}: record {recordId} has no {request.ClusterColumn}."));
            recordSides.Add(side);
            perSource[src] = perSource.GetValueOrDefault(src) + 1;
        }

        if (labels.Count == 0)
        {
            throw new ToolException($"{request.Truth}: no truth records for the files linked ({string.Join(", ", sides?.Keys.AsEnumerable() ?? [])}).");
        }

        // Predicted clusters: connected components of the links.
        var parent = Enumerable.Range(0, labels.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var links = RecordTable.Load(request.Links);
        var columns = LinkTool.LinkColumns[..4].Select(c => Column(links, c)).ToArray();
        var unknown = 0;
        foreach (var row in links.Rows)
        {
            if (keys.TryGetValue(Key(row[columns[0]], row[columns[1]] ?? string.Empty), out var a)
                && keys.TryGetValue(Key(row[columns[2]], row[columns[3]] ?? string.Empty), out var b))
            {
                parent[Find(a)] = Find(b);
            }
            else
            {
                unknown++;
            }
        }

        var predicted = Enumerable.Range(0, labels.Count).Select(Find).ToArray();
        var twins = twinColumn >= 0 ? MergedTwins(twinOf, labels, predicted) : ((int, int)?)null;
        // Sides are known per source only: without a source column every pair counts.
        var crossOnly = run?.Mode == "link" && source >= 0;
        PairwiseScores scores;
        if (crossOnly)
        {
            var left = Enumerable.Range(0, labels.Count).Where(i => recordSides[i] == "left").ToArray();
            var right = Enumerable.Range(0, labels.Count).Where(i => recordSides[i] == "right").ToArray();
            scores = PairwiseEvaluation.EvaluateLinkage(left.Select(i => predicted[i]).ToArray(), left.Select(i => labels[i]).ToArray(), right.Select(i => predicted[i]).ToArray(), right.Select(i => labels[i]).ToArray());
        }
        else
        {
            scores = PairwiseEvaluation.Evaluate(predicted, labels);
        }

        output.WriteLine($"truth: {labels.Count:N0} records" + (source >= 0 ? $" ({string.Join(", ", perSource.Select(kv => $"{kv.Key} {kv.Value:N0}"))})" : string.Empty)
            + $", {labels.Distinct().Count():N0} children; {links.Rows.Count:N0} links");
        if (unknown > 0)
        {
            output.WriteLine($"warning: {unknown:N0} links name records that are not in the truth file; they were ignored.");
        }

        foreach (var file in run?.Files ?? [])
        {
            if (source >= 0 && perSource.GetValueOrDefault(file.Source) != file.Records)
            {
                output.WriteLine($"warning: the link read {file.Records:N0} records from {file.Source}, the truth has {perSource.GetValueOrDefault(file.Source):N0}.");
            }
        }

        output.WriteLine(crossOnly ? "pairs scored: across the two files only" : "pairs scored: all record pairs");
        output.WriteLine($"true pairs {scores.TruePositives + scores.FalseNegatives:N0}, linked pairs {scores.TruePositives + scores.FalsePositives:N0}: TP {scores.TruePositives:N0}, FP {scores.FalsePositives:N0}, FN {scores.FalseNegatives:N0}");
        output.WriteLine($"precision {scores.Precision:0.0000}  recall {scores.Recall:0.0000}  F1 {scores.F1:0.0000}");
        if (twins is var (twinPairs, merged))
        {
            output.WriteLine($"twins: {twinPairs:N0} pairs of children born together, {merged:N0} merged into one child");
        }

        if (run is not null)
        {
            output.WriteLine($"throughput: {run.Records:N0} records matched in {run.Seconds:0.00} s = {run.RecordsPerSecond:N0} records/s ({run.Cores} cores; from {Path.GetFileName(summaryPath)})");
        }
        else
        {
            output.WriteLine($"throughput: unknown (no run summary {summaryPath})");
        }

        return new EvalResult(scores, labels.Count, run, twins);
    }

    /// <summary>
    /// Pairs of children born together (twins, and every pair of triplets: the <see cref="TwinColumn"/> chain), among
    /// the children with a record evaluated, and how many of those pairs share a predicted cluster.
    /// </summary>
    private static (int Pairs, int Merged) MergedTwins(Dictionary<string, string> twinOf, List<string> labels, int[] predicted)
    {
        var clustersOf = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!clustersOf.TryGetValue(labels[i], out var set))
            {
                clustersOf[labels[i]] = set = [];
            }

            set.Add(predicted[i]);
        }

        string FirstBorn(string child)
        {
            while (twinOf.TryGetValue(child, out var before))
            {
                child = before;
            }

            return child;
        }

        var (pairs, merged) = (0, 0);
        var bornBefore = twinOf.Values.ToHashSet(StringComparer.Ordinal);
        var births = clustersOf.Keys.Where(c => twinOf.ContainsKey(c) || bornBefore.Contains(c)).GroupBy(FirstBorn, StringComparer.Ordinal);
        foreach (var birth in births)
        {
            var children = birth.ToArray();
            for (var a = 0; a < children.Length; a++)
            {
                for (var b = a + 1; b < children.Length; b++)
                {
                    pairs++;
                    merged += clustersOf[children[a]].Overlaps(clustersOf[children[b]]) ? 1 : 0;
                }
            }
        }

        return (pairs, merged);
    }

    private static int Column(RecordTable table, string name)
    {
        var index = table.IndexOf(name);
        return index >= 0 ? index : throw new ToolException($"{table.Path}: no column '{name}'. Columns: {string.Join(", ", table.Columns)}.");
    }
}
