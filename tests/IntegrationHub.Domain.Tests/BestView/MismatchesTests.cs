using IntegrationHub.Domain.BestView;

namespace IntegrationHub.Domain.Tests.BestView;

[TestFixture]
public sealed class A_mismatch
{
    private static readonly ChildDetails Best = new()
    {
        GivenName = "Kelly",
        FamilyName = "Morgan",
        DateOfBirth = new DateOnly(2012, 4, 17),
        Gender = "female",
        Address = new PostalAddress(["1 Horse Guards Road", "London"], "SW1A 1AA"),
        NhsNumber = "4857773457",
        School = new NamedPlace("Park View Academy", "107123"),
    };

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Best, Array.Empty<string>()).SetName("Is nothing when every item agrees");
        yield return new TestCaseData(Best with { Address = new PostalAddress(["1 horse guards road", "LONDON"], "sw1a1aa") }, Array.Empty<string>())
            .SetName("Ignores case and spacing: SW1A 1AA equals sw1a1aa");
        yield return new TestCaseData(Best with { GivenName = " kelly ", NhsNumber = "485 777 3457" }, Array.Empty<string>()).SetName("Ignores spacing in names and numbers");
        yield return new TestCaseData(Best with { FamilyName = null, Address = null, School = null }, Array.Empty<string>()).SetName("Is never an item the source does not hold");
        yield return new TestCaseData(Best with { Gender = "notKnown" }, Array.Empty<string>()).SetName("Is never a gender the source does not know");
        yield return new TestCaseData(Best with { Address = new PostalAddress(["1 Horse Guards Road", "London"], "SW1A 2AA") }, new[] { DataItems.Address })
            .SetName("Names the address when the postcode differs");
        yield return new TestCaseData(Best with { DateOfBirth = new DateOnly(2012, 7, 14), Address = new PostalAddress(["3 Mill Lane"], "LS6 2QT") }, new[] { DataItems.DateOfBirth, DataItems.Address })
            .SetName("Names every disagreeing item in contract order");
        yield return new TestCaseData(Best with { School = new NamedPlace("Park View School", null) }, new[] { DataItems.School }).SetName("Names the school when its name differs");
    }

    [TestCaseSource(nameof(Cases))]
    public void Names_the_disagreeing_items_only(ChildDetails fragment, string[] items)
    {
        Assert.That(Mismatches.Between(fragment, Best), Is.EqualTo(items));
    }

    [Test]
    public void Is_not_repeated_while_the_source_value_stays_the_same()
    {
        var fragment = Best with { DateOfBirth = new DateOnly(2012, 7, 14) };
        var (first, state) = Mismatches.ToNotify(fragment, Best, new Dictionary<string, string>());
        var (second, _) = Mismatches.ToNotify(fragment, Best, state);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { DataItems.DateOfBirth }));
            Assert.That(second, Is.Empty);
        });
    }

    [Test]
    public void Is_told_again_when_the_source_changes_the_item_and_it_still_disagrees()
    {
        var (_, state) = Mismatches.ToNotify(Best with { DateOfBirth = new DateOnly(2012, 7, 14) }, Best, new Dictionary<string, string>());
        var (again, _) = Mismatches.ToNotify(Best with { DateOfBirth = new DateOnly(2012, 7, 15) }, Best, state);
        Assert.That(again, Is.EqualTo(new[] { DataItems.DateOfBirth }));
    }

    [Test]
    public void Is_told_again_after_the_item_agreed_in_between()
    {
        var wrong = Best with { DateOfBirth = new DateOnly(2012, 7, 14) };
        var (_, state) = Mismatches.ToNotify(wrong, Best, new Dictionary<string, string>());
        var (_, agreed) = Mismatches.ToNotify(Best, Best, state);
        var (again, _) = Mismatches.ToNotify(wrong, Best, agreed);
        Assert.That(again, Is.EqualTo(new[] { DataItems.DateOfBirth }));
    }
}

[TestFixture]
public sealed class The_privacy_projection
{
    private static readonly ChildView View = new()
    {
        Details = new ChildDetails { GivenName = "Kelly", Address = new PostalAddress(["12 Station Road"], "LS1 4DY"), School = new NamedPlace("Park View", "1"), Gp = new NamedPlace("Surgery", "B1") },
        ChosenFrom = new Dictionary<string, string> { [DataItems.GivenName] = "s1", [DataItems.Address] = "s1", [DataItems.School] = "s1", [DataItems.Gp] = "s1" },
        AlternativeNames = [],
        AlternativeAddresses = [new PostalAddress(["3 Mill Lane"], "LS6 2QT")],
    };

    [Test]
    public void Shows_a_shielded_record_without_whereabouts()
    {
        var shown = PrivacyProjection.Project(View, shielded: true);
        Assert.Multiple(() =>
        {
            Assert.That(shown.Details.Address, Is.Null);
            Assert.That(shown.Details.School, Is.Null);
            Assert.That(shown.Details.Gp, Is.Null);
            Assert.That(shown.AlternativeAddresses, Is.Empty);
            Assert.That(shown.ChosenFrom.Keys, Is.EqualTo(new[] { DataItems.GivenName }));
            Assert.That(shown.Details.GivenName, Is.EqualTo("Kelly"));
        });
    }

    [Test]
    public void Shows_an_unshielded_record_whole()
    {
        Assert.That(PrivacyProjection.Project(View, shielded: false), Is.SameAs(View));
    }

    [Test]
    public void Shows_a_sensitive_involvement_only_as_a_sensitive_service_being_involved()
    {
        var shown = PrivacyProjection.Project(new InvolvementView("Sexual health clinic", "clinic-1", "voluntaryCommunity", "specialistTargeted", new DateOnly(2025, 1, 1), null, "{\"name\":\"Dr X\"}", Sensitive: true));
        Assert.That(shown, Is.EqualTo(new InvolvementView(PrivacyProjection.SensitiveServiceInvolved, null, null, null, null, null, null, true)));
    }

    [Test]
    public void Shows_any_other_involvement_whole()
    {
        var involvement = new InvolvementView("Children's Social Care", "cms", "socialCare", "specialistTargeted", new DateOnly(2025, 1, 1), null, null, Sensitive: false);
        Assert.That(PrivacyProjection.Project(involvement), Is.SameAs(involvement));
    }
}
