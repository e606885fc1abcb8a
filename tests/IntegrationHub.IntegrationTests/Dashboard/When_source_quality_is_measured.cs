using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.IntegrationTests.Linking;
using IntegrationHub.Persistence.Accounts;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>
/// York has two feeds. The registration feed sends one child twice under two of its own ids (a duplicate within the
/// source), one message with a bad NHS number, and nothing of the child the CMS alone knows; the CMS's date of birth for the registration's child is a day out. The source page and its
/// API show the four dimensions of guidance 4.6 as docs/dashboard.md defines them.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_source_quality_is_measured
{
    private HubUnderTest _hub = null!;
    private SourceClient _registration = null!;
    private SourceClient _cms = null!;
    private DashboardClient _manager = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        _registration = await _hub.AddSourceAsync("registration-york", "York");
        _cms = await _hub.AddSourceAsync("cms-york", "York");
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId, "R-1"));
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId, "R-2").With("child.upn", null).With("child.address", null));
        await _registration.SendAndSettleAsync(Linked.Demographics(_registration.SourceId, "R-3").With("child.nhsNumber", "4857773458"));
        await _cms.SendAndSettleAsync(Fragments.Start(_cms.SourceId, "C-9").With("child.nhsNumber", null).With("child.upn", null)
            .With("child.givenName", "Zed").With("child.familyName", "Quill").With("child.dateOfBirth", "2015-03-03"));
        // The CMS's own record of the registration's child, older and a day out on the date of birth: told it disagrees.
        await _cms.SendAndSettleAsync(Fragments.Start(_cms.SourceId, "C-1").With("child.dateOfBirth", "2012-04-18").ProducedAt(DateTimeOffset.UtcNow.AddDays(-1)));
        _manager = await DashboardClient.SignedInAsync(_hub, "york-quality", AccountRole.DataManager, "York");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _manager.Dispose();
        await _registration.DisposeAsync();
        await _cms.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task The_api_gives_validity_completeness_uniqueness_and_coverage()
    {
        var quality = (await _manager.ApiAsync<SourceDetail>($"/api/dashboard/sources/{_registration.SourceId}"))!.Quality;
        Assert.Multiple(() =>
        {
            Assert.That((quality.ValidityMessages, quality.InvalidMessages), Is.EqualTo((3, 1)), "the bad NHS number");
            Assert.That(quality.Validity, Is.EqualTo(2.0 / 3).Within(1e-9));
            Assert.That(quality.Fragments, Is.EqualTo(2), "the rejected message stored nothing");
            Assert.That(quality.NhsNumberShare, Is.EqualTo(1.0));
            Assert.That(quality.UpnShare, Is.EqualTo(0.5));
            Assert.That(quality.PostcodeShare, Is.EqualTo(0.5));
            Assert.That((quality.LinkedFragments, quality.DuplicateFragments, quality.Uniqueness), Is.EqualTo((2, 2, 0.0)), "R-1 and R-2 are one child");
            Assert.That((quality.ChildrenHeld, quality.ChildrenInAuthority, quality.Coverage), Is.EqualTo((1, 2, 0.5)), "the CMS's child is not on the registration feed");
        });
    }

    [Test]
    public async Task Mismatch_notifications_are_counted_by_data_item()
    {
        var cms = (await _manager.ApiAsync<SourceDetail>($"/api/dashboard/sources/{_cms.SourceId}"))!.Quality;
        Assert.That(cms.MismatchesByItem, Is.EqualTo(new[] { new ItemCount("dateOfBirth", 1) }));
        var html = await _manager.Http.GetStringAsync($"/dashboard/sources/{_cms.SourceId}");
        Assert.That(html, Does.Contain("data-item=\"dateOfBirth\""));
    }

    [Test]
    public async Task The_source_page_shows_the_dimensions()
    {
        var html = await _manager.Http.GetStringAsync($"/dashboard/sources/{_registration.SourceId}");
        Assert.That(html, Does.Contain("Data quality (guidance 4.6)").And.Contain("data-dimension=\"coverage\"").And.Contain("1 of the 2 children"));
    }
}
