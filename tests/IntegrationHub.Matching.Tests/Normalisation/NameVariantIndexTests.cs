using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Tests.Normalisation;

[TestFixture]
public sealed class NameVariantIndexTests
{
    [TestCase("rob", "robert")]
    [TestCase("bob", "robert")]
    [TestCase("rob", "bob")]
    [TestCase("bill", "william")]
    [TestCase("liz", "elizabeth")]
    [TestCase("ted", "edward")]
    [TestCase("aron", "aaron")]
    public void Nicknames_and_variants_from_the_embedded_lists_agree(string a, string b)
    {
        Assert.That(NameVariantIndex.Default.AreGivenNameVariants(a, b), Is.True);
    }

    [TestCase("john", "mary")]
    [TestCase("oliver", "olivia")]
    [TestCase("unlistedname", "robert")]
    public void Unrelated_names_do_not(string a, string b)
    {
        Assert.That(NameVariantIndex.Default.AreGivenNameVariants(a, b), Is.False);
    }

    [Test]
    public void Family_name_variants_come_from_their_own_list()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NameVariantIndex.Default.AreFamilyNameVariants("adams", "adamson"), Is.True);
            Assert.That(NameVariantIndex.Default.AreFamilyNameVariants("bailey", "bayley"), Is.True);
            Assert.That(NameVariantIndex.Default.AreFamilyNameVariants("adams", "smith"), Is.False);
            Assert.That(NameVariantIndex.Default.GivenNameCount, Is.GreaterThan(1000));
            Assert.That(NameVariantIndex.Default.FamilyNameCount, Is.GreaterThan(100));
        });
    }

    [Test]
    public void A_custom_index_folds_its_names_like_records()
    {
        var index = NameVariantIndex.Create([("Zoë", "Zo")], []);
        Assert.Multiple(() =>
        {
            Assert.That(index.AreGivenNameVariants("zoe", "zo"), Is.True);
            Assert.That(NameVariantIndex.Empty.AreGivenNameVariants("rob", "robert"), Is.False);
        });
    }
}
