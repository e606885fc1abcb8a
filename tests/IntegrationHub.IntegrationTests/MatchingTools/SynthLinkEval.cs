namespace IntegrationHub.IntegrationTests.MatchingTools;

/// <summary>
/// The three tools end to end, as docs/matching-tools.md shows them: synthetic children from the public
/// data, linked without labels, scored against the truth the generator wrote.
/// </summary>
public class SynthLinkEval
{
    private string folder = null!;

    [OneTimeSetUp]
    public void Synthesise()
    {
        folder = Hub.TempFolder("synth");
        var (exitCode, output, error) = Hub.Run("synth", "--children", "300", "--sources", "3", "--seed", "7", "--out", folder);
        Assert.That(exitCode, Is.Zero, output + error);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [Test]
    public void The_truth_names_every_generated_record_once_and_nothing_else()
    {
        var truth = Hub.ReadCsv(Path.Combine(folder, "truth.csv"));
        var generated = new[] { "health", "education", "social-care" }
            .SelectMany(source => Hub.ReadCsv(Path.Combine(folder, source + ".csv")).Select(row => (source, id: row["record_id"])))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(truth.Select(row => (row["source"], row["record_id"])), Is.EquivalentTo(generated));
            Assert.That(generated.Select(g => g.id).Distinct().Count(), Is.EqualTo(generated.Count), "record ids unique across sources");
            Assert.That(truth.Select(row => row["child_id"]).Distinct().Count(), Is.EqualTo(300));
        });
    }

    [Test]
    public void The_same_seed_gives_the_same_files()
    {
        var again = Hub.TempFolder("synth-again");
        try
        {
            Assert.That(Hub.Run("synth", "--children", "300", "--sources", "3", "--seed", "7", "--out", again).ExitCode, Is.Zero);
            foreach (var file in new[] { "health.csv", "education.csv", "social-care.csv", "truth.csv" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(again, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(folder, file))), file);
            }
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Test]
    public void Generated_identifiers_pass_their_checks()
    {
        var education = Hub.ReadCsv(Path.Combine(folder, "education.csv"));
        var health = Hub.ReadCsv(Path.Combine(folder, "health.csv"));
        var upns = education.Select(r => r["upn"]).Where(u => u.Length > 0).ToList();
        var nhs = health.Select(r => r["nhs_number"]).Where(n => n.Length > 0).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(upns, Has.Count.GreaterThan(education.Count / 2));
            Assert.That(upns, Has.All.Matches<string>(Domain.Identifiers.UniquePupilNumber.IsValid));
            // A few NHS numbers carry a typo on purpose, as real feeds do.
            Assert.That(nhs.Count(Domain.Identifiers.NhsNumber.IsValid), Is.GreaterThan(nhs.Count * 9 / 10));
        });
    }

    [Test]
    public void Deduplicating_all_sources_finds_the_children()
    {
        var links = Path.Combine(folder, "dedup", "links.csv");
        var link = Hub.Run("link", "--input", Path.Combine(folder, "health.csv"), Path.Combine(folder, "education.csv"), Path.Combine(folder, "social-care.csv"), "--out", links);
        Assert.That(link.ExitCode, Is.Zero, link.Output + link.Error);

        var eval = Hub.Run("eval", "--links", links, "--truth", Path.Combine(folder, "truth.csv"));
        TestContext.Out.WriteLine(link.Output + eval.Output);

        Assert.Multiple(() =>
        {
            Assert.That(eval.ExitCode, Is.Zero, eval.Output + eval.Error);
            Assert.That(Hub.F1(eval.Output), Is.GreaterThan(0.95), eval.Output);
            Assert.That(eval.Output, Does.Contain("records/s"));
            Assert.That(eval.Output, Does.Not.Contain("warning"));
            Assert.That(eval.Output, Does.Match(@"twins: \d+ pairs of children born together, \d+ merged into one child"));
            Assert.That(File.Exists(Path.Combine(folder, "dedup", "links-review.csv")), Is.True);
        });
    }

    [Test]
    public void Linking_two_sources_is_scored_on_cross_pairs()
    {
        var links = Path.Combine(folder, "pair", "links.csv");
        var link = Hub.Run("link", "--left", Path.Combine(folder, "health.csv"), "--right", Path.Combine(folder, "education.csv"), "--out", links);
        Assert.That(link.ExitCode, Is.Zero, link.Output + link.Error);

        var eval = Hub.Run("eval", "--links", links, "--truth", Path.Combine(folder, "truth.csv"));
        TestContext.Out.WriteLine(link.Output + eval.Output);

        Assert.Multiple(() =>
        {
            Assert.That(eval.ExitCode, Is.Zero, eval.Output + eval.Error);
            Assert.That(eval.Output, Does.Contain("across the two files"));
            Assert.That(Hub.F1(eval.Output), Is.GreaterThan(0.93), eval.Output);
        });
    }

    [Test]
    public void Eval_counts_the_pairs_of_twins_the_links_made_one_child()
    {
        // Triplets C1, C2, C3 (each named twin_of the one born before) and C4; the links join C1's and C3's records.
        var dir = Hub.TempFolder("twins");
        try
        {
            File.WriteAllLines(Path.Combine(dir, "truth.csv"),
            [
                "source,record_id,child_id,twin_of", "a,1,C1,", "b,1,C1,", "a,2,C2,C1", "a,3,C3,C2", "b,3,C3,C2", "a,4,C4,",
            ]);
            File.WriteAllLines(Path.Combine(dir, "links.csv"),
            [
                "source_a,record_id_a,source_b,record_id_b,match_probability,match_weight,decided_by", "a,1,b,1,1,20,score", "b,1,a,3,0.97,5,score",
            ]);

            var eval = Hub.Run("eval", "--links", Path.Combine(dir, "links.csv"), "--truth", Path.Combine(dir, "truth.csv"));

            Assert.Multiple(() =>
            {
                Assert.That(eval.ExitCode, Is.Zero, eval.Output + eval.Error);
                Assert.That(eval.Output, Does.Contain("twins: 3 pairs of children born together, 1 merged into one child"));
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_missing_data_folder_is_a_clear_error()
    {
        var result = Hub.Run("synth", "--children", "5", "--out", Path.Combine(folder, "none"), "--data", Path.Combine(folder, "no-such-folder"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("Data folder not found"));
        });
    }
}
