using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IntegrationHub.Matching;
using IntegrationHub.Matching.Linkage;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>What <c>hub link</c> was asked to do.</summary>
/// <param name="Inputs">Files deduplicated together (<c>--input</c>); empty for a two-file link.</param>
/// <param name="Left">The left file of a two-file link.</param>
/// <param name="Right">The right file of a two-file link.</param>
/// <param name="LeftMapping">Columns of the input or left files.</param>
/// <param name="RightMapping">Columns of the right file.</param>
/// <param name="Out">The links file.</param>
/// <param name="Review">The review file; null for the links file's name with "-review".</param>
/// <param name="Thresholds">Match and review thresholds.</param>
/// <param name="OneRecordPerSource">The one-record-per-source rule (<see cref="MatchingOptions.OneRecordPerSource"/>); on by default.</param>
public sealed record LinkRequest(
    IReadOnlyList<string> Inputs,
    string? Left,
    string? Right,
    ColumnMapping LeftMapping,
    ColumnMapping RightMapping,
    string Out,
    string? Review,
    MatchThresholds Thresholds,
    bool OneRecordPerSource = true);

/// <summary>
/// <c>hub link</c>: reads the files, runs <see cref="MatchEngine"/> (model estimated from the files, no
/// labels), writes the links (pairs the engine linked, with scores), the review candidates (possible
/// matches between records left in different clusters, with per-field evidence) and a run summary
/// (<c>.run.json</c>, read by <c>hub eval</c> for the files linked and the timing).
/// </summary>
public static class LinkTool
{
    /// <summary>The links file's columns.</summary>
    public static readonly string[] LinkColumns = ["source_a", "record_id_a", "source_b", "record_id_b", "match_probability", "match_weight", "decided_by"];

    /// <summary>The run summary written beside the links file ("links.csv" → "links.run.json").</summary>
    public static string RunSummaryPath(string links) => Path.ChangeExtension(links, ".run.json");

    /// <summary>The default review file ("links.csv" → "links-review.csv").</summary>
    public static string DefaultReviewPath(string links) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(links))!, Path.GetFileNameWithoutExtension(links) + "-review.csv");

    /// <summary>Runs the link and writes its files; returns the summary.</summary>
    public static RunSummary Run(LinkRequest request, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var deduplicate = request.Inputs.Count > 0;
        if (deduplicate == (request.Left is not null || request.Right is not null) || (!deduplicate && (request.Left is null || request.Right is null)))
        {
            throw new ToolException("Give either --input FILE [FILE...] (deduplicate) or both --left FILE and --right FILE (link two files).");
        }

        var wall = Stopwatch.StartNew();
        var paths = (deduplicate ? request.Inputs : [request.Left!, request.Right!]).ToArray();
        var duplicateName = paths.GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateName is not null)
        {
            throw new ToolException($"Two input files are both called '{duplicateName.Key}'; the file name is the records' source, so it must differ.");
        }

        var engine = new MatchEngine(new MatchingOptions { Thresholds = request.Thresholds, OneRecordPerSource = request.OneRecordPerSource });
        var timer = new Stopwatch();
        var (normalised, all, fileSummaries) = LoadAndNormalise(request, paths, deduplicate, engine, timer, output);
        var leftCount = deduplicate ? normalised.Length : fileSummaries[0].Records;
        var normalisation = timer.Elapsed;
        MatchEngine.TraceMemory("normalised");
        timer.Start();
        var result = deduplicate ? engine.Deduplicate(normalised) : engine.Link(normalised[..leftCount], normalised[leftCount..]);
        timer.Stop();
        MatchEngine.TraceMemory("matched");

        var offset = deduplicate ? 0 : leftCount;
        var review = request.Review ?? DefaultReviewPath(request.Out);
        var links = WriteLinks(request.Out, result, all, offset);
        var reviews = WriteReview(review, result, all, offset);
        var clusters = result.LeftClusters.Concat(deduplicate ? [] : result.RightClusters).Distinct().Count();

        var summary = new RunSummary
        {
            Mode = deduplicate ? "deduplicate" : "link",
            Files = fileSummaries,
            Records = all.Length,
            Seconds = timer.Elapsed.TotalSeconds,
            RecordsPerSecond = all.Length / Math.Max(timer.Elapsed.TotalSeconds, 1e-9),
            Cores = Environment.ProcessorCount,
            CandidatePairs = result.CandidatePairs,
            Links = links,
            LinksByOneRecordPerSource = result.Matches.Count(p => p.LinkedAsOnlyRecords),
            ReviewCandidates = reviews,
            Clusters = clusters,
            PriorMatchProbability = result.Model.PriorMatchProbability,
            MatchThreshold = request.Thresholds.MatchProbability,
            ReviewThreshold = request.Thresholds.PossibleMatchProbability,
        };
        File.WriteAllText(RunSummaryPath(request.Out), JsonSerializer.Serialize(summary, RunSummary.Json));
        wall.Stop();

        output.WriteLine($"{summary.Mode}: {string.Join(", ", fileSummaries.Select(f => $"{f.Source} ({f.Records:N0})"))}");
        output.WriteLine($"{all.Length:N0} records, {result.CandidatePairs:N0} candidate pairs, {links:N0} links ({summary.LinksByOneRecordPerSource:N0} by one record per source), {reviews:N0} for review, {clusters:N0} children (clusters)");
        output.WriteLine($"matching took {summary.Seconds:0.00} s: {summary.RecordsPerSecond:N0} records/s (estimation, blocking, scoring, clustering; {wall.Elapsed.TotalSeconds:0.00} s with file input and output)");
        output.WriteLine($"phases: {result.Phases with { Normalisation = normalisation }}");
        output.WriteLine($"blocking (new pairs per pass, blocks over the size limit): {string.Join(", ", result.Blocking.Select(b => $"{b.Pass} {b.Pairs:N0}{(b.SkippedBlocks > 0 ? $" ({b.SkippedBlocks:N0} skipped)" : "")}"))}");
        output.WriteLine($"links: {Path.GetFullPath(request.Out)}");
        output.WriteLine($"review: {Path.GetFullPath(review)}");
        output.WriteLine($"run summary: {Path.GetFullPath(RunSummaryPath(request.Out))}");
        return summary;
    }

    /// <summary>
    /// Reads and normalises the files one at a time. The engine sees a running number as the record id, so ids need
    /// only be unique within a file; only the source and id of each record are kept for the output. A file's raw
    /// records (about half a kilobyte each) are dropped once it is normalised, before the next file is read. In its
    /// own method so that no local of the caller (a method run once is not optimised) keeps them reachable.
    /// </summary>
    private static (NormalisedPerson[] Normalised, RecordKey[] All, RunFile[] Files) LoadAndNormalise(
        LinkRequest request, string[] paths, bool deduplicate, MatchEngine engine, Stopwatch timer, TextWriter output)
    {
        var keys = new List<RecordKey>();
        var files = new List<RunFile>();
        var parts = new List<NormalisedPerson[]>();
        var batch = engine.Normaliser.StartBatch();
        for (var i = 0; i < paths.Length; i++)
        {
            var left = deduplicate || i == 0;
            parts.Add(LoadAndNormaliseFile(paths[i], left ? request.LeftMapping : request.RightMapping, left, batch, keys, files, timer, output));
            MatchEngine.ReleaseMemory(parts[^1].Length);
        }

        return (parts.SelectMany(p => p).ToArray(), keys.ToArray(), files.ToArray());
    }

    private static NormalisedPerson[] LoadAndNormaliseFile(
        string path, ColumnMapping mapping, bool left, PersonNormaliser.NormalisationBatch batch, List<RecordKey> keys, List<RunFile> files, Stopwatch timer, TextWriter output)
    {
        MappedFile? file = Read(path, mapping);
        // The file's rows are garbage once mapped, and the records once normalised: a large file's are collected at
        // once, so the next file is not read on top of them (at a million records the reading peak went 2.8 → 1.6 GiB).
        MatchEngine.ReleaseMemory(file.Records.Length);
        if (file.UnreadableDates > 0)
        {
            output.WriteLine($"warning: {file.Name}: {file.UnreadableDates} dates of birth match none of the date formats and are left missing (set --date-format).");
        }

        files.Add(new RunFile(file.Name, Path.GetFullPath(file.Path), left ? "left" : "right", file.Records.Length));
        var records = new PersonRecord[file.Records.Length];
        for (var r = 0; r < records.Length; r++)
        {
            var record = file.Records[r];
            records[r] = record with { RecordId = keys.Count.ToString(CultureInfo.InvariantCulture) };
            keys.Add(new RecordKey(record.SourceId, record.RecordId));
        }

        file = null;
        MatchEngine.TraceMemory($"loaded {path}");
        timer.Start();
        var normalised = batch.Normalise(records);
        timer.Stop();
        return normalised;
    }

    /// <summary>Reads and maps a file; the rows read are unreachable once this returns.</summary>
    private static MappedFile Read(string path, ColumnMapping mapping) => mapping.Apply(RecordTable.Load(path));

    private static int WriteLinks(string path, LinkageResult result, RecordKey[] all, int offset)
    {
        using var writer = CreateWriter(path);
        Csv.WriteRecord(writer, LinkColumns);
        var count = 0;
        foreach (var pair in result.Matches)
        {
            var decidedBy = pair.Deterministic is { Applies: true, Contradicted: false } ? RuleName(pair.Deterministic.Rule)
                : pair.LinkedAsOnlyRecords ? "one_record_per_source"
                : "score";
            Write(writer, all[pair.Left], all[pair.Right + offset], pair.MatchProbability, pair.MatchWeight, decidedBy);
            count++;
        }

        // Clusters merged as groups ("best view") are joined by one row between a member of each, so the
        // links' connected components are exactly the engine's clusters.
        foreach (var group in result.GroupMatches.Where(g => g.Outcome == MatchOutcome.Match))
        {
            Write(writer, Record(all, group.LeftRecordIds[0]), Record(all, group.RightRecordIds[0]), group.MatchProbability, group.MatchWeight, "group");
            count++;
        }

        return count;
    }

    private static int WriteReview(string path, LinkageResult result, RecordKey[] all, int offset)
    {
        using var writer = CreateWriter(path);
        Csv.WriteRecord(writer, [.. LinkColumns[..6], "reason", "evidence"]);
        var count = 0;
        foreach (var pair in result.PossibleMatches)
        {
            // A possible match whose records were linked anyway (through other records) needs no review.
            if (result.LeftClusters[pair.Left] == result.RightClusters[pair.Right])
            {
                continue;
            }

            var explained = result.Explain(pair);
            var reason = pair.Deterministic.Applies || pair.Deterministic.Conflicts
                ? pair.Deterministic.Describe()
                : explained.PossibleTwin
                    ? "possible twins or siblings: same family name, near date of birth, different forenames"
                    : "score in the review band";
            Write(writer, all[pair.Left], all[pair.Right + offset], pair.MatchProbability, pair.MatchWeight, reason, Evidence(explained.Evidence));
            count++;
        }

        foreach (var group in result.GroupMatches.Where(g => g.Outcome == MatchOutcome.PossibleMatch))
        {
            // Groups compared before the one-record-per-source rule may have been linked by it.
            if (Cluster(result, group.LeftRecordIds[0]) == Cluster(result, group.RightRecordIds[0]))
            {
                continue;
            }

            var reason = $"children compared as groups ({group.LeftRecordIds.Count} and {group.RightRecordIds.Count} records)" + (group.PossibleTwin ? ", possible twins or siblings" : string.Empty);
            Write(writer, Record(all, group.LeftRecordIds[0]), Record(all, group.RightRecordIds[0]), group.MatchProbability, group.MatchWeight, reason, Evidence(group.Evidence));
            count++;
        }

        return count;
    }

    /// <summary>The cluster of a record known by its number across all files (left records first).</summary>
    private static int Cluster(LinkageResult result, string numberedId)
    {
        var index = Index(numberedId);
        return index < result.Left.Count ? result.LeftClusters[index] : result.RightClusters[index - result.Left.Count];
    }

    private static void Write(TextWriter writer, RecordKey a, RecordKey b, double probability, double weight, params string[] rest) =>
        Csv.WriteRecord(writer, [a.SourceId, a.RecordId, b.SourceId, b.RecordId, probability.ToString("0.######", CultureInfo.InvariantCulture), weight.ToString("0.###", CultureInfo.InvariantCulture), .. rest]);

    private static string Evidence(IReadOnlyList<FieldEvidence> evidence) =>
        string.Join("; ", evidence.Where(e => e.Level >= 0).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Comparator}: {e.Label} ({e.Weight:+0.0;-0.0;0})")));

    private static RecordKey Record(RecordKey[] all, string numberedId) => all[Index(numberedId)];

    /// <summary>The engine's record id: the record's running number across all files.</summary>
    private static int Index(string numberedId) => int.Parse(numberedId, CultureInfo.InvariantCulture);

    /// <summary>What the output needs of a record: its source and id.</summary>
    private readonly record struct RecordKey(string? SourceId, string RecordId);

    private static string RuleName(DeterministicRule rule) => rule switch
    {
        DeterministicRule.NhsNumber => "nhs_number",
        DeterministicRule.Upn => "upn",
        DeterministicRule.HubChildId => "hub_child_id",
        _ => "score",
    };

    private static StreamWriter CreateWriter(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}

/// <summary>The run summary <c>hub link</c> writes beside its links (<c>links.run.json</c>) and <c>hub eval</c> reads.</summary>
public sealed record RunSummary
{
    /// <summary>Indented, camel case.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>"deduplicate" or "link".</summary>
    public string Mode { get; init; } = "deduplicate";

    /// <summary>The input files (left for deduplication).</summary>
    public IReadOnlyList<RunFile> Files { get; init; } = [];

    /// <summary>Records read.</summary>
    public int Records { get; init; }

    /// <summary>Time spent matching (normalisation, estimation, blocking, scoring, clustering), without file input and output.</summary>
    public double Seconds { get; init; }

    /// <summary>Records over <see cref="Seconds"/>.</summary>
    public double RecordsPerSecond { get; init; }

    /// <summary>Processors the run could use.</summary>
    public int Cores { get; init; }

    /// <summary>Candidate pairs compared.</summary>
    public long CandidatePairs { get; init; }

    /// <summary>Rows in the links file.</summary>
    public int Links { get; init; }

    /// <summary>Of the links, those made by the one-record-per-source rule (decided_by one_record_per_source).</summary>
    public int LinksByOneRecordPerSource { get; init; }

    /// <summary>Rows in the review file.</summary>
    public int ReviewCandidates { get; init; }

    /// <summary>Clusters (children) found.</summary>
    public int Clusters { get; init; }

    /// <summary>The estimated prior λ.</summary>
    public double PriorMatchProbability { get; init; }

    /// <summary>The match threshold used.</summary>
    public double MatchThreshold { get; init; }

    /// <summary>The review threshold used.</summary>
    public double ReviewThreshold { get; init; }
}

/// <summary>One input file of a run.</summary>
/// <param name="Source">The file name without extension, written as the source in links.</param>
/// <param name="Path">The full path.</param>
/// <param name="Side">"left" or "right"; every file is "left" when deduplicating.</param>
/// <param name="Records">Records read.</param>
public sealed record RunFile(string Source, string Path, string Side, int Records);
