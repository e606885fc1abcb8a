using IntegrationHub.Matching.Blocking;

namespace IntegrationHub.Matching.Tests.Blocking;

/// <summary>
/// What each blocking pass adds on a `hub synth` pair of files with its truth file: new candidate pairs and new true
/// pairs (pairs no earlier pass found), to judge which passes are worth their cost. Explicit: a measurement, it
/// asserts nothing. HUB_BLOCKING_BENCH_DIR names the directory of health.csv, education.csv and truth.csv.
/// </summary>
[TestFixture]
[Explicit("benchmark")]
[Category("Benchmark")]
public sealed class BlockingPassContribution
{
    [Test]
    public void New_true_pairs_per_pass()
    {
        var directory = Environment.GetEnvironmentVariable("HUB_BLOCKING_BENCH_DIR") ?? "/tmp/s100";
        var truth = File.ReadLines(Path.Combine(directory, "truth.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => f[1], f => f[2]);
        var engine = new MatchEngine();
        var left = engine.Normalise(Read(Path.Combine(directory, "health.csv")));
        var right = engine.Normalise(Read(Path.Combine(directory, "education.csv")));
        var rightChildren = right.Select(p => truth[p.RecordId]).ToArray();
        var leftChildren = left.Select(p => truth[p.RecordId]).ToArray();
        var rightByChild = rightChildren.Select((c, i) => (c, i)).ToLookup(x => x.c, x => x.i);
        long allTrue = leftChildren.Sum(c => (long)rightByChild[c].Count());

        var passes = engine.Options.BlockingPasses;
        long previousPairs = 0, previousTrue = 0;
        TestContext.Out.WriteLine($"{left.Length:N0} + {right.Length:N0} records, {allTrue:N0} true pairs");
        for (var p = 1; p <= passes.Count; p++)
        {
            var candidates = CandidatePairs.ForLinkage(left, right, passes.Take(p).ToArray(), engine.Options.MaxBlockSize);
            var states = candidates.Visit(() => new long[2], (a, b, s) =>
            {
                s[0]++;
                if (leftChildren[a] == rightChildren[b])
                {
                    s[1]++;
                }
            }, Environment.ProcessorCount, out _);
            var pairs = states.Sum(s => s[0]);
            var found = states.Sum(s => s[1]);
            TestContext.Out.WriteLine($"{passes[p - 1].Name,-28} new pairs {pairs - previousPairs,12:N0}  new true pairs {found - previousTrue,8:N0}  (recall so far {(double)found / allTrue:0.0000})");
            (previousPairs, previousTrue) = (pairs, found);
        }
    }

    private static PersonRecord[] Read(string path)
    {
        var lines = File.ReadLines(path).Skip(1);
        return lines.Select(line =>
        {
            var f = Support.SharedData.SplitLine(line);
            return new PersonRecord
            {
                RecordId = f[0],
                GivenNames = Empty(f[1]),
                PreferredName = Empty(f[2]),
                FamilyName = Empty(f[3]),
                DateOfBirth = DateOnly.TryParse(f[4], System.Globalization.CultureInfo.InvariantCulture, out var dob) ? dob : null,
                Sex = SexCodes.Parse(f[5]),
                AddressLines = new[] { f[6], f[7] }.Where(l => l.Length > 0).ToArray(),
                Postcode = Empty(f[8]),
                NhsNumber = Empty(f[9]),
                Upn = Empty(f[10]),
            };
        }).ToArray();
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
