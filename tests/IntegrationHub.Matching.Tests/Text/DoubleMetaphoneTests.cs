using IntegrationHub.Matching.Text;

namespace IntegrationHub.Matching.Tests.Text;

[TestFixture]
public sealed class DoubleMetaphoneTests
{
    // Codes published with the Apache Commons Codec implementation's tests of the same algorithm.
    [TestCase("testing", "TSTN", "TSTN")]
    [TestCase("The", "0", "T")]
    [TestCase("quick", "KK", "KK")]
    [TestCase("brown", "PRN", "PRN")]
    [TestCase("fox", "FKS", "FKS")]
    [TestCase("jumped", "JMPT", "AMPT")]
    [TestCase("over", "AFR", "AFR")]
    [TestCase("lazy", "LS", "LS")]
    [TestCase("dogs", "TKS", "TKS")]
    [TestCase("MacCafferey", "MKFR", "MKFR")]
    [TestCase("Stephan", "STFN", "STFN")]
    [TestCase("Kuczewski", "KSSK", "KXFS")]
    [TestCase("McClelland", "MKLL", "MKLL")]
    [TestCase("san jose", "SNHS", "SNHS")]
    [TestCase("xenophobia", "SNFP", "SNFP")]
    [TestCase("Czerny", "SRN", "XRN")]
    public void Encodes_reference_words(string word, string primary, string alternate)
    {
        var code = DoubleMetaphone.Encode(word);
        Assert.Multiple(() =>
        {
            Assert.That(code.Primary, Is.EqualTo(primary));
            Assert.That(code.Alternate, Is.EqualTo(alternate));
        });
    }

    [TestCase("Smith", "Smyth")]
    [TestCase("Steven", "Stephen")]
    [TestCase("Brian", "Bryan")]
    [TestCase("Catherine", "Kathryn")]
    [TestCase("Philipowitz", "Filipowicz")]
    [TestCase("Schmidt", "Smith")]
    public void Names_that_sound_alike_share_a_code(string a, string b)
    {
        Assert.That(DoubleMetaphone.Encode(a).Matches(DoubleMetaphone.Encode(b)), Is.True);
    }

    [TestCase("Brain", "Band")]
    [TestCase("Smith", "Jones")]
    [TestCase("Oliver", "Olivia")]
    public void Names_that_sound_different_do_not(string a, string b)
    {
        Assert.That(DoubleMetaphone.Encode(a).Matches(DoubleMetaphone.Encode(b)), Is.False);
    }

    [Test]
    public void Empty_input_gives_an_empty_code_that_matches_nothing()
    {
        var empty = DoubleMetaphone.Encode("  ");
        Assert.Multiple(() =>
        {
            Assert.That(empty.IsEmpty, Is.True);
            Assert.That(empty.Matches(empty), Is.False);
            Assert.That(DoubleMetaphone.Encode(null).IsEmpty, Is.True);
        });
    }

    [Test]
    public void Code_length_is_capped()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DoubleMetaphone.Encode("jumped", 3).Primary, Is.EqualTo("JMP"));
            Assert.That(DoubleMetaphone.Encode("Featherstonehaugh").Primary, Has.Length.EqualTo(4));
        });
    }
}
