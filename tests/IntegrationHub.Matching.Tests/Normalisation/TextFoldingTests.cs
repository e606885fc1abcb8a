using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Tests.Normalisation;

[TestFixture]
public sealed class TextFoldingTests
{
    [TestCase("Anne-Marie", new[] { "anne", "marie" })]
    [TestCase("O'Brien", new[] { "obrien" })]
    [TestCase("D\u2019Souza", new[] { "dsouza" })]
    [TestCase("  SMITH  JONES ", new[] { "smith", "jones" })]
    [TestCase("Zoë", new[] { "zoe" })]
    [TestCase("Ødegård", new[] { "odegard" })]
    [TestCase("Strauß", new[] { "strauss" })]
    [TestCase("Łukasz", new[] { "lukasz" })]
    [TestCase("José María", new[] { "jose", "maria" })]
    [TestCase("Mr John", new[] { "john" })]
    [TestCase("Miss", new[] { "miss" })]
    [TestCase("J0hn5", new[] { "jhn" })]
    [TestCase("St. John-Smythe", new[] { "st", "john", "smythe" })]
    public void Name_tokens_are_folded_and_split_on_punctuation(string raw, string[] expected)
    {
        Assert.That(TextFolding.NameTokens(raw), Is.EqualTo(expected));
    }

    [Test]
    public void Missing_names_give_no_tokens()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextFolding.NameTokens(null), Is.Empty);
            Assert.That(TextFolding.NameTokens("   "), Is.Empty);
            Assert.That(TextFolding.NameTokens("-- ''"), Is.Empty);
        });
    }

    [Test]
    public void Address_tokens_keep_numbers()
    {
        Assert.That(TextFolding.AddressTokens("Flat 2, 12a High St."), Is.EqualTo(new[] { "flat", "2", "12a", "high", "st" }));
    }

    [Test]
    public void Identifiers_keep_their_punctuation_but_not_case_or_surrounding_space()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextFolding.Identifier("  Robert.Smith@Example.COM "), Is.EqualTo("robert.smith@example.com"));
            Assert.That(TextFolding.Identifier(" "), Is.Null);
        });
    }
}
