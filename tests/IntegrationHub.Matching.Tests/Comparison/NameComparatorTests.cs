using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Comparison;

[TestFixture]
public sealed class GivenNameComparatorTests
{
    private static readonly GivenNameComparator Comparator = new();

    private static int Level(NormalisedPerson a, NormalisedPerson b) => Comparator.Compare(a, b, NameOrientation.ContextFor(a, b));

    [TestCase("Robert", "ROBERT", 0, "exact, any case")]
    [TestCase("Zoë", "Zoe", 0, "diacritics")]
    [TestCase("Mary-Jane", "Maryjane", 0, "hyphen or not")]
    [TestCase("Rob", "Robert", 1, "nickname")]
    [TestCase("Bill", "William", 1, "nickname")]
    [TestCase("Aron", "Aaron", 1, "listed variant")]
    [TestCase("John Paul", "Paul", 1, "middle name used as forename")]
    [TestCase("Jonathen", "Jonathan", 2, "one letter different")]
    [TestCase("Harry", "rarHy", 3, "same letters in another order")]
    [TestCase("Knight", "Nite", 4, "sounds the same")]
    [TestCase("J", "John", 5, "initial")]
    [TestCase("Isla", "Isabelle", 5, "similar")]
    [TestCase("Oliver", "Grace", 6, "different")]
    public void Levels_run_from_exact_to_different(string a, string b, int expected, string because)
    {
        var left = People.Person(given: a, family: "Smith");
        var right = People.Person(given: b, family: "Smith");
        Assert.Multiple(() =>
        {
            Assert.That(Level(left, right), Is.EqualTo(expected), because);
            Assert.That(Level(right, left), Is.EqualTo(expected), "symmetric");
        });
    }

    [Test]
    public void A_preferred_name_counts_as_a_variant()
    {
        var left = People.Person(given: "Elizabeth", preferred: "Betsy", family: "Smith");
        var right = People.Person(given: "Betsy", family: "Smith");
        Assert.That(Level(right, left), Is.EqualTo(1));
    }

    [Test]
    public void A_missing_given_name_is_no_evidence()
    {
        Assert.That(Level(People.Person(family: "Smith"), People.Person(given: "Ann", family: "Smith")), Is.EqualTo(Matching.Comparison.Comparator.Null));
    }

    [Test]
    public void Swapped_names_are_compared_crosswise()
    {
        var left = People.Person(given: "Isla", family: "Hall");
        var right = People.Person(given: "Hall", family: "Isla");
        Assert.Multiple(() =>
        {
            Assert.That(NameOrientation.IsSwapped(left, right), Is.True);
            Assert.That(Level(left, right), Is.Zero);
            Assert.That(new FamilyNameComparator().Compare(left, right, NameOrientation.ContextFor(left, right)), Is.Zero);
        });
    }

    [Test]
    public void Term_frequencies_count_the_forename()
    {
        Assert.That(Comparator.TermFrequencyValue(People.Person(given: "Anne Marie")), Is.EqualTo("anne"));
    }
}

[TestFixture]
public sealed class FamilyNameComparatorTests
{
    private static readonly FamilyNameComparator Comparator = new();

    private static int Level(string? a, string? b)
    {
        var left = People.Person(given: "Sam", family: a);
        var right = People.Person(given: "Sam", family: b);
        return Comparator.Compare(left, right, NameOrientation.ContextFor(left, right));
    }

    [TestCase("Smith-Jones", "Smith Jones", 0, "hyphen or space")]
    [TestCase("O'Brien", "OBRIEN", 0, "apostrophe")]
    [TestCase("Smith-Jones", "Jones", 1, "one part of a double-barrelled name")]
    [TestCase("van der Berg", "Berg", 1, "particle dropped")]
    [TestCase("Adams", "Adamson", 1, "listed variant")]
    [TestCase("Griffiths", "Griffihs", 2, "typo")]
    [TestCase("Morris", "Mosrir", 3, "same letters in another order")]
    [TestCase("Thomson", "Tomsen", 4, "sounds the same")]
    [TestCase("Jones", "Johnson", 5, "similar")]
    [TestCase("Smith", "Okafor", 6, "different")]
    public void Levels_run_from_exact_to_different(string a, string b, int expected, string because)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Level(a, b), Is.EqualTo(expected), because);
            Assert.That(Level(b, a), Is.EqualTo(expected), "symmetric");
        });
    }

    [Test]
    public void A_missing_family_name_is_no_evidence()
    {
        Assert.That(Level(null, "Smith"), Is.EqualTo(Matching.Comparison.Comparator.Null));
    }
}

[TestFixture]
public sealed class NameOrientationTests
{
    [Test]
    public void Names_agreeing_directly_are_never_swapped()
    {
        Assert.That(NameOrientation.IsSwapped(People.Person(given: "Thomas", family: "Smith"), People.Person(given: "Thomas", family: "Thomas")), Is.False);
    }

    [Test]
    public void A_name_in_the_wrong_field_with_the_other_field_empty_is_swapped()
    {
        var left = People.Person(given: "Logan");
        var right = People.Person(given: "Ferguson", family: "Logan");
        Assert.Multiple(() =>
        {
            Assert.That(NameOrientation.IsSwapped(left, right), Is.True);
            Assert.That(new GivenNameComparator().Compare(left, right, NameOrientation.ContextFor(left, right)), Is.Zero);
        });
    }

    [Test]
    public void Unrelated_names_are_not_swapped()
    {
        Assert.That(NameOrientation.IsSwapped(People.Person(given: "Anna", family: "Berg"), People.Person(given: "Carl", family: "Dunn")), Is.False);
    }
}
