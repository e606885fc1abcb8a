using IntegrationHub.Matching.Text;

namespace IntegrationHub.Matching.Tests.Text;

[TestFixture]
public sealed class EditDistanceTests
{
    [TestCase("kitten", "sitting", 3)]
    [TestCase("robert255@smith.net", "roberta25@smith.net", 2)]
    [TestCase("ab", "ba", 1)]
    [TestCase("1991", "1919", 1)]
    [TestCase("", "abc", 3)]
    [TestCase("same", "same", 0)]
    public void Counts_insertions_deletions_substitutions_and_adjacent_swaps(string a, string b, int expected)
    {
        Assert.That(EditDistance.OptimalStringAlignment(a, b), Is.EqualTo(expected));
    }

    [Test]
    public void Stops_at_the_limit_and_reports_one_more()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EditDistance.OptimalStringAlignment("abcdefgh", "zyxwvuts", 2), Is.EqualTo(3));
            Assert.That(EditDistance.OptimalStringAlignment("a", "abcdef", 2), Is.EqualTo(3));
            Assert.That(EditDistance.OptimalStringAlignment("abcdef", "abcdxf", 2), Is.EqualTo(1));
        });
    }
}
