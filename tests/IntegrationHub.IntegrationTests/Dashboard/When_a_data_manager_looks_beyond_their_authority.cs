using System.Net;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>Two authorities, one feed each: a York data manager must never see or touch Leeds's feed, by page or by API.</summary>
[TestFixture]
[NonParallelizable]
public class When_a_data_manager_looks_beyond_their_authority
{
    private HubUnderTest _hub = null!;
    private string _york = null!;
    private string _leeds = null!;
    private DashboardClient _yorkManager = null!;
    private DashboardClient _national = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        _york = await _hub.RegisterSourceAsync("cms-york", "York");
        _leeds = await _hub.RegisterSourceAsync("cms-leeds", "Leeds");
        var now = DateTimeOffset.UtcNow;
        await _hub.RecordOutcomesAsync(_york, MessageOutcome.Applied, 3, now.AddMinutes(-5));
        await _hub.RecordOutcomesAsync(_leeds, MessageOutcome.Rejected, 2, now.AddMinutes(-5), "nhsNumber.checkDigit");
        await _hub.AddDeadLetterAsync(_york, "York's own dead letter", now.AddMinutes(-3));
        await _hub.AddDeadLetterAsync(_leeds, "Leeds's dead letter", now.AddMinutes(-3));
        _yorkManager = await DashboardClient.SignedInAsync(_hub, "york-manager", AccountRole.DataManager, "York");
        _national = await DashboardClient.SignedInAsync(_hub, "national", AccountRole.NationalTeam, null);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _yorkManager.Dispose();
        _national.Dispose();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task The_overview_page_and_api_list_only_their_own_feeds()
    {
        var html = await _yorkManager.Http.GetStringAsync("/dashboard");
        Assert.That(html, Does.Contain(_york));
        Assert.That(html, Does.Not.Contain(_leeds));

        var overview = await _yorkManager.ApiAsync<Overview>("/api/dashboard/overview");
        Assert.That(overview!.Feeds.Select(f => f.SourceId), Is.EqualTo(new[] { _york }));
        Assert.That(overview.Feeds[0].LastHour.Applied, Is.EqualTo(3));
        Assert.That(overview.Feeds[0].LastHour.DeadLettered, Is.EqualTo(1));
    }

    [Test]
    public async Task Another_authoritys_source_page_and_api_answer_not_found()
    {
        using var page = await _yorkManager.Http.GetAsync($"/dashboard/sources/{_leeds}");
        using var api = await _yorkManager.Http.GetAsync($"/api/dashboard/sources/{_leeds}");
        using var own = await _yorkManager.Http.GetAsync($"/api/dashboard/sources/{_york}");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Not.Contain(_leeds));
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Another_authoritys_feed_cannot_be_suspended_or_given_alert_rules()
    {
        using var suspend = await _yorkManager.PostFormAsync($"/dashboard/sources/{_leeds}/status", new() { ["status"] = "Suspended", ["reason"] = "not mine" });
        using var rules = await _yorkManager.PostFormAsync($"/dashboard/sources/{_leeds}/alert-rules", new() { ["noMessagesHours"] = "1" });

        Assert.That(suspend.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(rules.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await using var db = _hub.Database();
        Assert.That((await db.Sources.SingleAsync(s => s.Id == _leeds)).Status, Is.EqualTo(SourceStatus.Accredited));
        Assert.That(await db.Set<AlertRule>().AnyAsync(r => r.SourceId == _leeds), Is.False);
    }

    [Test]
    public async Task Another_authoritys_dead_letters_are_in_no_page_api_or_export()
    {
        var page = await _yorkManager.Http.GetStringAsync("/dashboard/dead-letters");
        var api = await _yorkManager.ApiAsync<List<DeadLetterRow>>("/api/dashboard/dead-letters");
        var csv = await _yorkManager.Http.GetStringAsync("/dashboard/dead-letters.csv");

        Assert.That(page, Does.Contain("York&#39;s own dead letter").Or.Contain("York's own dead letter"));
        Assert.That(page, Does.Not.Contain("Leeds"));
        Assert.That(api!.Select(d => d.SourceId), Is.EqualTo(new[] { _york }));
        Assert.That(csv, Does.Contain("York's own dead letter").And.Not.Contain("Leeds"));
    }

    [Test]
    public async Task The_national_team_sees_every_authority()
    {
        var overview = await _national.ApiAsync<Overview>("/api/dashboard/overview");
        var dead = await _national.ApiAsync<List<DeadLetterRow>>("/api/dashboard/dead-letters");
        using var leeds = await _national.Http.GetAsync($"/dashboard/sources/{_leeds}");

        Assert.That(overview!.Feeds.Select(f => f.SourceId), Is.EquivalentTo(new[] { _york, _leeds }));
        Assert.That(dead!, Has.Count.EqualTo(2));
        Assert.That(leeds.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await leeds.Content.ReadAsStringAsync(), Does.Contain("nhsNumber.checkDigit").And.Contain("The NHS number fails its check digit."));
    }

    [Test]
    public async Task Nobody_signed_out_gets_anything()
    {
        using var anonymous = DashboardClient.Anonymous(_hub);
        using var api = await anonymous.Http.GetAsync("/api/dashboard/overview");
        using var page = await anonymous.Http.GetAsync($"/dashboard/sources/{_york}");
        using var csv = await anonymous.Http.GetAsync("/dashboard/overview.csv");

        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location!.ToString(), Does.Contain("/dashboard/sign-in"));
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task A_wrong_password_is_refused_and_audited()
    {
        using var stranger = DashboardClient.Anonymous(_hub);
        using var response = await stranger.PostFormAsync("/dashboard/sign-in", new() { ["user"] = "york-manager", ["password"] = "not the password" }, tokenFrom: "/dashboard/sign-in");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await using var db = _hub.Database();
        Assert.That(await db.Audit.AnyAsync(a => a.Action == "account.sign-in" && a.Actor == "york-manager" && a.Outcome == "refused"), Is.True);
    }

    [Test]
    public async Task A_form_posted_without_its_antiforgery_token_changes_nothing()
    {
        using var response = await _yorkManager.PostFormAsync($"/dashboard/sources/{_york}/status", new() { ["status"] = "Suspended", ["reason"] = "forged" }, tokenFrom: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await using var db = _hub.Database();
        Assert.That((await db.Sources.SingleAsync(s => s.Id == _york)).Status, Is.EqualTo(SourceStatus.Accredited));
    }

    [Test]
    public async Task Exports_are_csv_and_audited()
    {
        using var response = await _yorkManager.Http.GetAsync("/dashboard/overview.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("source_id,name,local_authority,status,health,reason"));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.StartWith(_york + ",cms-york,York,Accredited,"));
        await using var db = _hub.Database();
        Assert.That(await db.Audit.AnyAsync(a => a.Action == "dashboard.export" && a.Actor == "york-manager"), Is.True);
    }

    [Test]
    public async Task A_feeds_tables_and_the_review_queue_export_as_csv_within_the_authority_only()
    {
        using var own = await _yorkManager.Http.GetAsync($"/dashboard/sources/{_york}/export.csv");
        using var other = await _yorkManager.Http.GetAsync($"/dashboard/sources/{_leeds}/export.csv");
        using var review = await _yorkManager.Http.GetAsync("/dashboard/review.csv");
        var lines = (await own.Content.ReadAsStringAsync()).Split("\r\n");

        Assert.Multiple(async () =>
        {
            Assert.That(own.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
            Assert.That(lines[0], Is.EqualTo("day_utc,applied,held,rejected,dead_lettered"));
            Assert.That(lines, Does.Contain("reason_code,count_30_days,example_path,example_message"));
            Assert.That(other.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound), "another authority's feed is not exported either");
            Assert.That((await review.Content.ReadAsStringAsync()).Split("\r\n")[0], Does.StartWith("id,source_id,source_name,source_child_id,reason"));
        });
    }

    [Test]
    public async Task The_api_is_described_by_openapi()
    {
        using var anonymous = DashboardClient.Anonymous(_hub);
        var document = await anonymous.Http.GetStringAsync("/openapi/v1.json");

        Assert.That(document, Does.Contain("/api/dashboard/overview").And.Contain("/api/dashboard/sources/{id}").And.Contain("/api/dashboard/dead-letters"));
        Assert.That(document, Does.Not.Contain("/dashboard/sign-in"));
    }
}
