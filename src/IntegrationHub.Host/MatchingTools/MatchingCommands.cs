using System.CommandLine;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>
/// The matching command-line tools, <c>hub synth</c>, <c>hub link</c> and <c>hub eval</c> (docs/matching-tools.md).
/// Program.cs adds them to the root command. Each reports bad input as a message on standard error and exit
/// code 2, not a stack trace.
/// </summary>
public static class MatchingCommands
{
    /// <summary>The three commands.</summary>
    public static IEnumerable<Command> Create() => [Synth(), Link(), Eval()];

    private static Command Synth()
    {
        var children = new Option<int>("--children") { Description = "How many children.", DefaultValueFactory = _ => 1000 };
        var sources = new Option<int>("--sources") { Description = "How many sources: health, education, social-care, youth-justice, early-help, police, in that order.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output folder for <source>.csv files and truth.csv.", Required = true };
        var data = new Option<string?>("--data") { Description = "The public name and postcode data folder (default: ../shared/data beside the repository root or the current directory)." };
        var command = new Command("synth", "Generate synthetic England children as several sources' corrupted CSV feeds, with the truth (source, record_id, child_id).")
        {
            children, sources, seed, output, data,
        };
        command.SetAction(parse => Guarded(parse, writer =>
            SynthTool.Run(new SynthRequest(parse.GetValue(children), parse.GetValue(sources), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(data)), writer)));
        return command;
    }

    private static Command Link()
    {
        var input = new Option<string[]>("--input") { Description = "File(s) to deduplicate together (CSV, or NDJSON by .ndjson/.jsonl/.json).", AllowMultipleArgumentsPerToken = true };
        var left = new Option<string?>("--left") { Description = "Left file of a two-file link." };
        var right = new Option<string?>("--right") { Description = "Right file of a two-file link." };
        var output = new Option<string>("--out") { Description = "Links file (CSV).", DefaultValueFactory = _ => "links.csv" };
        var review = new Option<string?>("--review") { Description = "Review candidates file (CSV); default: the links file name with -review." };
        var mapping = new Option<string?>("--mapping") { Description = "JSON column mapping for --input/--left (and --right unless --right-mapping)." };
        var rightMapping = new Option<string?>("--right-mapping") { Description = "JSON column mapping for --right." };
        var id = new Option<string?>("--id-column") { Description = "Record id column (default record_id)." };
        var given = new Option<string?>("--given-column") { Description = "Given name(s) column." };
        var middle = new Option<string?>("--middle-column") { Description = "Middle name(s) column." };
        var preferred = new Option<string?>("--preferred-column") { Description = "Preferred (known-as) name column." };
        var family = new Option<string?>("--family-column") { Description = "Family name column." };
        var dob = new Option<string?>("--dob-column") { Description = "Date of birth column." };
        var dateFormat = new Option<string[]>("--date-format") { Description = "Date of birth format(s), tried in order, e.g. dd/MM/yyyy (default yyyy-MM-dd).", AllowMultipleArgumentsPerToken = true };
        var sex = new Option<string?>("--sex-column") { Description = "Sex column (F/M, female/male, 2/1, ...)." };
        var address = new Option<string[]>("--address-columns") { Description = "Address line columns, in order.", AllowMultipleArgumentsPerToken = true };
        var postcode = new Option<string?>("--postcode-column") { Description = "Postcode column (UK or any country's postal code)." };
        var nhs = new Option<string?>("--nhs-column") { Description = "NHS number column." };
        var upn = new Option<string?>("--upn-column") { Description = "UPN column." };
        var other = new Option<string[]>("--other") { Description = "Other identifiers as scheme=column, e.g. email=contact_email.", AllowMultipleArgumentsPerToken = true };
        var matchThreshold = new Option<double?>("--match-threshold") { Description = "Match probability from which a pair is linked (default 0.95)." };
        var reviewThreshold = new Option<double?>("--review-threshold") { Description = "Match probability from which a pair is a review candidate (default 0.5)." };
        var oneRecordPerSource = new Option<bool>("--one-record-per-source")
        {
            Description = "Link a possible match whose two records' children have no record in each other's source (each file holds one record per child; default true). Set false when the files share few children: a possible match is then less likely one child.",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("link", "Link two files (--left, --right) or deduplicate one or more (--input): writes links with scores, review candidates and a run summary.")
        {
            input, left, right, output, review, mapping, rightMapping, id, given, middle, preferred, family, dob, dateFormat, sex, address, postcode, nhs, upn, other,
            matchThreshold, reviewThreshold, oneRecordPerSource,
        };
        command.SetAction(parse => Guarded(parse, writer =>
        {
            var overrides = new ColumnMapping
            {
                Id = parse.GetValue(id),
                GivenNames = parse.GetValue(given),
                MiddleNames = parse.GetValue(middle),
                PreferredName = parse.GetValue(preferred),
                FamilyName = parse.GetValue(family),
                DateOfBirth = parse.GetValue(dob),
                DateFormats = parse.GetValue(dateFormat),
                Sex = parse.GetValue(sex),
                Address = parse.GetValue(address),
                Postcode = parse.GetValue(postcode),
                NhsNumber = parse.GetValue(nhs),
                Upn = parse.GetValue(upn),
                Other = ParseOther(parse.GetValue(other)),
            };
            var leftBase = parse.GetValue(mapping) is { } m ? ColumnMapping.Load(m) : new ColumnMapping();
            var rightBase = parse.GetValue(rightMapping) is { } rm ? ColumnMapping.Load(rm) : leftBase;
            var defaults = new MatchThresholds();
            var thresholds = new MatchThresholds
            {
                MatchProbability = parse.GetValue(matchThreshold) ?? defaults.MatchProbability,
                PossibleMatchProbability = parse.GetValue(reviewThreshold) ?? defaults.PossibleMatchProbability,
            };
            try
            {
                thresholds.Validate();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                throw new ToolException($"Thresholds: {e.Message}");
            }

            LinkTool.Run(
                new LinkRequest(parse.GetValue(input) ?? [], parse.GetValue(left), parse.GetValue(right), leftBase.With(overrides), rightBase.With(overrides), parse.GetValue(output)!, parse.GetValue(review), thresholds, parse.GetValue(oneRecordPerSource)),
                writer);
        }));
        return command;
    }

    private static Command Eval()
    {
        var links = new Option<string>("--links") { Description = "Links file from hub link.", Required = true };
        var truth = new Option<string>("--truth") { Description = "Truth file (CSV or NDJSON): record id → cluster id per record.", Required = true };
        var run = new Option<string?>("--run") { Description = "Run summary from hub link (default: beside the links file, links.run.json)." };
        var id = new Option<string>("--id-column") { Description = "Truth record id column.", DefaultValueFactory = _ => "record_id" };
        var cluster = new Option<string>("--cluster-column") { Description = "Truth cluster (child) id column.", DefaultValueFactory = _ => "child_id" };
        var source = new Option<string>("--source-column") { Description = "Truth source column (input file name without extension), used when the truth has it.", DefaultValueFactory = _ => "source" };
        var command = new Command("eval", "Pairwise precision, recall and F1 of hub link's links against a truth file, and the link's throughput.")
        {
            links, truth, run, id, cluster, source,
        };
        command.SetAction(parse => Guarded(parse, writer =>
            EvalTool.Run(new EvalRequest(parse.GetValue(links)!, parse.GetValue(truth)!, parse.GetValue(run), parse.GetValue(id)!, parse.GetValue(cluster)!, parse.GetValue(source)!), writer)));
        return command;
    }

    private static Dictionary<string, string>? ParseOther(string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            var parts = value.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ToolException($"--other {value}: expected scheme=column, e.g. email=contact_email.");
            }

            result[parts[0]] = parts[1];
        }

        return result;
    }

    private static int Guarded(ParseResult parse, Action<TextWriter> action)
    {
        var configuration = parse.InvocationConfiguration;
        try
        {
            action(configuration.Output);
            return 0;
        }
        catch (ToolException e)
        {
            configuration.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
