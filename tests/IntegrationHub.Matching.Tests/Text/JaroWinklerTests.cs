using IntegrationHub.Matching.Text;

namespace IntegrationHub.Matching.Tests.Text;

[TestFixture]
public sealed class JaroWinklerTests
{
    // Reference values from Winkler (1990) and the usual test pairs.
    [TestCase("martha", "marhta", 0.9611)]
    [TestCase("dwayne", "duane", 0.8400)]
    [TestCase("dixon", "dicksonx", 0.8133)]
    [TestCase("jones", "johnson", 0.8323)]
    public void Known_pairs_score_their_published_similarity(string a, string b, double expected)
    {
        Assert.That(JaroWinkler.Similarity(a, b), Is.EqualTo(expected).Within(0.0001));
    }

    [Test]
    public void Identical_strings_score_one_and_strings_without_common_letters_score_zero()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JaroWinkler.Similarity("featherstonehaugh", "featherstonehaugh"), Is.EqualTo(1.0));
            Assert.That(JaroWinkler.Similarity("abc", "xyz"), Is.EqualTo(0.0));
            Assert.That(JaroWinkler.Similarity("", "abc"), Is.EqualTo(0.0));
            Assert.That(JaroWinkler.Similarity("", ""), Is.EqualTo(1.0));
        });
    }

    [Test]
    public void Similarity_is_symmetric_and_rewards_a_common_prefix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JaroWinkler.Similarity("catherine", "kathryn"), Is.EqualTo(JaroWinkler.Similarity("kathryn", "catherine")).Within(1e-12));
            Assert.That(JaroWinkler.Similarity("martha", "marhta"), Is.GreaterThan(JaroWinkler.Jaro("martha", "marhta")));
        });
    }

    [Test]
    public void Long_strings_beyond_the_stack_buffer_are_handled()
    {
        var a = new string('a', 300) + "b";
        var b = new string('a', 300) + "c";
        Assert.That(JaroWinkler.Similarity(a, b), Is.GreaterThan(0.99).And.LessThan(1.0));
    }

    [Test]
    public void The_cheap_bound_never_rules_out_a_pair_that_reaches_the_threshold()
    {
        string[] words = ["london", "lonon", "loondon", "leeds", "lesde", "portsmouth", "pootsmruth", "plymouth", "plyoutm", "street", "stret", "road", "lane", "birmingham", "birmimghan", "bristol"];
        foreach (var a in words)
        {
            foreach (var b in words)
            {
                if (JaroWinkler.Similarity(a, b) >= 0.88)
                {
                    Assert.That(JaroWinkler.CouldReach(Sorted(a), Sorted(b), 0.88), Is.True, $"{a} / {b}");
                }
            }
        }

        Assert.That(JaroWinkler.CouldReach(Sorted("london"), Sorted("bristol"), 0.88), Is.False);
    }

    private static string Sorted(string value)
    {
        var letters = value.ToCharArray();
        Array.Sort(letters);
        return new string(letters);
    }
}
