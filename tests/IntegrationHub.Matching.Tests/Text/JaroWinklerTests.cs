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
}
