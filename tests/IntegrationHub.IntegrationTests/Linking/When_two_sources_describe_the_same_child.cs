using System.Text;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>
/// A national registration source and a local CMS describe one child, with variations. The hub keeps one child
/// record, takes the date of birth from the registration source (configured as more reliable for it) and the rest
/// by recency, and tells the CMS which of its items disagree: the item names only, once per disagreement.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_two_sources_describe_the_same_child
{
    private static readonly Dictionary<string, string?> RegistrationTrustedForDateOfBirth = new()
    {
        ["Linking:Reliability:0:Item"] = "dateOfBirth",
        ["Linking:Reliability:0:Source"] = "registration-*",
        ["Linking:Reliability:0:Rank"] = "10",
    };

    private HubUnderTest _hub = null!;
    private SourceClient _registration = null!;
    private SourceClient _cms = null!;

    [SetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(RegistrationTrustedForDateOfBirth);
        _registration = await _hub.AddSourceAsync("registration");
        _cms = await _hub.AddSourceAsync("cms-leeds");
    }

    [TearDown]
    public async Task Stop()
    {
        await _registration.DisposeAsync();
        await _cms.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task They_share_one_child_record_whose_best_view_takes_each_item_from_the_right_source()
    {
        var early = DateTimeOffset.UtcNow.AddHours(-2);
        Assert.That((await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId).ProducedAt(early))).Status, Is.EqualTo(ReceiptStatus.Accepted));
        // The CMS: later, a day out on the date of birth, a new surname and address, and no NHS number: linked by UPN.
        var cms = Fragments.Start(_cms.SourceId).ProducedAt(early.AddHours(1))
            .With("child.dateOfBirth", "2012-04-18").With("child.familyName", "Morgan-Reid").With("child.nhsNumber", null)
            .With("child.address", System.Text.Json.Nodes.JsonNode.Parse("""{"lines":["3 Mill Lane","Leeds"],"postcode":"LS6 2QT"}"""));
        Assert.That((await _cms.SendAndSettleAsync(cms)).Status, Is.EqualTo(ReceiptStatus.Accepted));

        var child = await Linked.ChildOfAsync(_hub, _registration.SourceId);
        Assert.That(await Linked.ChildOfAsync(_hub, _cms.SourceId), Is.EqualTo(child).And.Not.Null);
        Assert.That(await Linked.ChildRecordsAsync(_hub), Is.EqualTo(1));

        await using var db = _hub.Database();
        var record = await db.Set<ChildRecord>().SingleAsync();
        var view = System.Text.Json.JsonSerializer.Deserialize<Domain.BestView.ChildView>(record.BestViewJson, HubJson.Options)!;
        Assert.Multiple(() =>
        {
            Assert.That(view.Details.DateOfBirth, Is.EqualTo(new DateOnly(2012, 4, 17)), "date of birth from the reliable registration source");
            Assert.That(view.ChosenFrom["dateOfBirth"], Is.EqualTo(_registration.SourceId));
            Assert.That(view.Details.FamilyName, Is.EqualTo("Morgan-Reid"), "the more recent surname");
            Assert.That(view.Details.Address!.Postcode, Is.EqualTo("LS6 2QT"));
            Assert.That(view.Details.NhsNumber, Is.EqualTo("4857773457"), "the only NHS number");
            Assert.That(view.AlternativeNames.Select(n => n.FamilyName), Is.EqualTo(new[] { "Morgan" }));
            Assert.That(view.AlternativeAddresses.Select(a => a.Postcode), Is.EqualTo(new[] { "LS1 4DY" }));
        });
        var linked = await Linked.AuditAsync(_hub, "fragment.linked");
        Assert.That(linked.Single().Detail, Does.Contain("\"method\":\"upn\"").And.Contain("evidence"));
    }

    [Test]
    public async Task A_source_without_identifiers_is_linked_on_its_demographics_and_another_child_gets_a_record_of_its_own()
    {
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId));
        await using var school = await _hub.AddSourceAsync("school");
        var same = Fragments.Start(school.SourceId, "S-1").With("child.nhsNumber", null).With("child.upn", null);
        var other = Fragments.Start(school.SourceId, "S-2").With("child.nhsNumber", null).With("child.upn", null)
            .With("child.givenName", "Oliver").With("child.familyName", "Hughes").With("child.gender", "male").With("child.dateOfBirth", "2010-01-02")
            .With("child.address", System.Text.Json.Nodes.JsonNode.Parse("""{"lines":["9 Canal Street"],"postcode":"M1 1AE"}"""));
        Assert.That((await school.SendAndSettleAsync(same)).Status, Is.EqualTo(ReceiptStatus.Accepted));
        Assert.That((await school.SendAndSettleAsync(other)).Status, Is.EqualTo(ReceiptStatus.Accepted));

        Assert.That(await Linked.ChildOfAsync(_hub, school.SourceId, "S-1"), Is.EqualTo(await Linked.ChildOfAsync(_hub, _registration.SourceId)));
        Assert.That(await Linked.ChildRecordsAsync(_hub), Is.EqualTo(2));
        await using var db = _hub.Database();
        var methods = await db.Set<ChildLink>().Select(l => l.Method).ToListAsync();
        Assert.That(methods, Is.EquivalentTo(new[] { "newRecord", "probabilistic", "newRecord" }));
        Assert.That((await Linked.AuditAsync(_hub, "fragment.linked")).Single().Detail, Does.Contain("\"probability\""));
    }

    [Test]
    public async Task The_source_that_disagrees_is_told_which_items_once_and_again_when_it_changes_them()
    {
        var early = DateTimeOffset.UtcNow.AddHours(-2);
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId).ProducedAt(early));
        // Same address written differently ("ls14dy" equals "LS1 4DY"), a date of birth the registration source outranks.
        var cms = Fragments.Start(_cms.SourceId).ProducedAt(early.AddHours(1))
            .With("child.dateOfBirth", "2012-04-18")
            .With("child.address", System.Text.Json.Nodes.JsonNode.Parse("""{"lines":["12, station road","LEEDS"],"postcode":"ls14dy"}"""));
        await _cms.SendAndSettleAsync(cms);

        var (_, raw) = await _cms.NextNoticeAsync();
        var notification = System.Text.Json.JsonSerializer.Deserialize<MismatchNotification>(raw, HubJson.Options)!;
        var text = Encoding.UTF8.GetString(raw);
        Assert.Multiple(() =>
        {
            Assert.That(notification.Items, Is.EqualTo(new[] { "dateOfBirth" }));
            Assert.That(notification.SourceChildId, Is.EqualTo("C-1"));
            Assert.That(notification.SourceId, Is.EqualTo(_cms.SourceId));
            Assert.That(text, Does.Not.Contain("2012-04-17"), "never the best view's value");
            Assert.That(_registration.TryTakeNotice(out _), Is.False, "the registration source agrees with the best view");
        });

        // The same data again (an update of the involvement): nothing new to tell.
        await _cms.SendAndSettleAsync(cms.As(UpdateInvolvement.Type).With("involvement.practitioner.name", "Mr D Hughes"));
        Assert.That(_cms.TryTakeNotice(out _), Is.False, "not repeated while the source's data is unchanged");

        // The source changes the item, and it still disagrees: told again.
        await _cms.SendAndSettleAsync(cms.As(UpdateInvolvement.Type).With("child.dateOfBirth", "2012-04-19"));
        Assert.That((await _cms.NextMismatchAsync()).Items, Is.EqualTo(new[] { "dateOfBirth" }));

        await using var db = _hub.Database();
        Assert.That(await db.Audit.CountAsync(a => a.Action == "mismatch.notified" && a.SourceId == _cms.SourceId), Is.EqualTo(2));
    }
}
