using System.Diagnostics;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Linkage;

/// <summary>
/// Per-fragment latency of the live path's lookup (MatchIndex.Find, what the linking stage calls once per fragment)
/// against a large store, as docs/benchmarks.md reports it. Explicit: it takes minutes and measures, asserts nothing
/// beyond sanity. HUB_LIVE_BENCH_CHILDREN sets the register size (default 100,000 children).
/// </summary>
[TestFixture]
[Explicit("benchmark")]
[Category("Benchmark")]
public sealed class LiveLookupLatency
{
    [Test]
    public void Find_latency_against_a_large_store()
    {
        var children = int.TryParse(Environment.GetEnvironmentVariable("HUB_LIVE_BENCH_CHILDREN"), out var n) ? n : 100_000;
        var clock = Stopwatch.StartNew();
        var register = SyntheticRegister.Generate(children, seed: 11);
        var generated = clock.Elapsed;

        // Every record but a held-out sample goes into the store under its child's id; the sample are the "fragments".
        var random = new Random(5);
        var queries = Enumerable.Range(0, register.Records.Length).OrderBy(_ => random.Next()).Take(2_000).ToHashSet();
        var engine = new MatchEngine();
        using var index = engine.CreateIndex(MatchModel.FromDefaults(engine.Comparators, 1.0 / children));
        clock.Restart();
        for (var i = 0; i < register.Records.Length; i++)
        {
            if (!queries.Contains(i))
            {
                index.Add(register.Records[i] with { HubChildId = register.Truth[i] });
            }
        }

        var loaded = clock.Elapsed;
        var memory = GC.GetTotalMemory(forceFullCollection: true);

        // Warm-up, then timed lookups.
        foreach (var q in queries.Take(200))
        {
            index.Find(register.Records[q]);
        }

        var times = new List<double>(queries.Count);
        int right = 0, wrong = 0, held = 0, created = 0;
        foreach (var q in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var decision = index.Find(register.Records[q]);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            switch (decision.Outcome)
            {
                case MatchOutcome.Match when decision.Best!.HubChildId == register.Truth[q]:
                    right++;
                    break;
                case MatchOutcome.Match:
                    wrong++;
                    break;
                case MatchOutcome.PossibleMatch:
                    held++;
                    break;
                default:
                    created++;
                    break;
            }
        }

        times.Sort();
        double Percentile(double p) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(p * times.Count) - 1)];
        TestContext.Out.WriteLine($"children {children:N0}, records in store {index.Count:N0} (generated in {generated.TotalSeconds:F1} s, indexed in {loaded.TotalSeconds:F1} s, managed heap {memory / (1024 * 1024):N0} MiB)");
        TestContext.Out.WriteLine($"lookups {times.Count:N0}: p50 {Percentile(0.50):F3} ms, p90 {Percentile(0.90):F3} ms, p99 {Percentile(0.99):F3} ms, max {times[^1]:F3} ms");
        TestContext.Out.WriteLine($"outcomes: linked to the right child {right}, to a wrong child {wrong}, held {held}, new record {created} (a held-out record whose child has no other record is rightly new)");
        Assert.That(right, Is.GreaterThan(wrong));
    }
}
