using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>
/// York's registration feed holds a child; Leeds's CMS sends the same NHS number with a different sex and date of
/// birth, so Leeds's fragment waits for review. The API and the dashboard answer by account: Leeds's data manager
/// sees and resolves the item but not York's child's details; York's data manager sees neither the item nor, by API,
/// anything of Leeds; nobody without credentials sees anything.
/// </summary>
[TestFixture]
[NonParallelizable]
public class When_the_review_queue_is_used_across_authorities
{
    private HubUnderTest _hub = null!;
    private SourceClient _york = null!;
    private SourceClient _leeds = null!;
    private Guid _yorkChild;
    private Guid _item;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync(new Dictionary<string, string?> { ["Dashboard:AlertsEnabled"] = "false" });
        _york = await _hub.AddSourceAsync("registration-york", "York");
        _leeds = await _hub.AddSourceAsync("cms-leeds", "Leeds");
        await _york.SendAndSettleAsync(Linked.Demographics(_york.SourceId));
        var held = await _leeds.SendAndSettleAsync(Fragments.Start(_leeds.SourceId, "L-7")
            .With("child.gender", "male").With("child.dateOfBirth", "2009-01-01").With("child.upn", null)
            .ProducedAt(DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.That(held.Status, Is.EqualTo(ReceiptStatus.Held));
        _yorkChild = (await Linked.ChildOfAsync(_hub, _york.SourceId))!.Value;
        await using var db = _hub.Database();
        _item = (await db.Set<ReviewItem>().SingleAsync()).Id;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _york.DisposeAsync();
        await _leeds.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    [Order(1)]
    public async Task Without_credentials_or_with_a_wrong_password_the_api_answers_401()
    {
        using var anonymous = await Linked.HttpAsync(_hub, null);
        Assert.That((await anonymous.GetAsync("/api/review")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync($"/api/children/{_yorkChild}?reason=test")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var wrong = await Linked.HttpAsync(_hub, "mallory", "York");
        wrong.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("mallory:not the password"u8.ToArray()));
        var response = await wrong.GetAsync("/api/review");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("Basic"));
        Assert.That((await Linked.AuditAsync(_hub, "account.sign-in")).Where(a => a.Actor == "mallory").Select(a => a.Outcome), Does.Contain("refused"));
    }

    [Test]
    [Order(1)]
    public async Task Another_authoritys_data_manager_gets_404_for_a_child_none_of_whose_sources_is_theirs()
    {
        using var leeds = await Linked.HttpAsync(_hub, "leeds-manager", "Leeds");
        var refused = await leeds.GetAsync($"/api/children/{_yorkChild}?reason=curious");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var audit = (await Linked.AuditAsync(_hub, "child.viewed")).Last(a => a.Actor == "leeds-manager");
        Assert.That(audit.Outcome, Is.EqualTo("notFound"));
        Assert.That(audit.Detail, Does.Contain("curious"));

        using var york = await Linked.HttpAsync(_hub, "york-manager", "York");
        Assert.That((await york.GetAsync($"/api/children/{_yorkChild}?reason=weekly-check")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    [Order(1)]
    public async Task The_review_api_shows_and_lets_resolve_only_the_items_of_the_callers_authority()
    {
        using var york = await Linked.HttpAsync(_hub, "york-manager", "York");
        Assert.That((await york.GetFromJsonAsync<JsonElement>("/api/review")).GetArrayLength(), Is.Zero);
        Assert.That((await york.GetAsync($"/api/review/{_item}?reason=curious")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await york.PostAsJsonAsync($"/api/review/{_item}/new", new { })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var leeds = await Linked.HttpAsync(_hub, "leeds-manager", "Leeds");
        var listed = await leeds.GetFromJsonAsync<JsonElement>("/api/review");
        Assert.That(listed.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { _item }));
        Assert.That((await leeds.GetAsync($"/api/review/{_item}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a view of personal data needs a reason");
    }

    [Test]
    [Order(1)]
    public async Task A_review_item_masks_a_candidate_the_reader_may_not_see_and_audits_the_view_with_its_reason()
    {
        using var leeds = await Linked.HttpAsync(_hub, "leeds-manager", "Leeds");
        var item = await leeds.GetFromJsonAsync<JsonElement>($"/api/review/{_item}?reason=weekly-matching");
        var candidate = item.GetProperty("candidates")[0];
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("fragment").GetProperty("familyName").GetString(), Is.EqualTo("Morgan"), "the reader's own source's fragment");
            Assert.That(candidate.GetProperty("childId").GetGuid(), Is.EqualTo(_yorkChild));
            Assert.That(candidate.GetProperty("masked").GetBoolean(), Is.True, "York's child: no fragment from Leeds");
            Assert.That(candidate.GetProperty("person").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(candidate.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("comparator").GetString()), Does.Contain("date_of_birth"));
        });
        var viewed = (await Linked.AuditAsync(_hub, "review.viewed")).Last(a => a.Actor == "leeds-manager");
        Assert.That(viewed.Detail, Does.Contain("weekly-matching").And.Contain(_item.ToString()));

        using var national = await Linked.HttpAsync(_hub, "national-1");
        var full = await national.GetFromJsonAsync<JsonElement>($"/api/review/{_item}?reason=national-audit");
        Assert.That(full.GetProperty("candidates")[0].GetProperty("person").GetProperty("familyName").GetString(), Is.EqualTo("Morgan"));
    }

    [Test]
    [Order(1)]
    public async Task The_dashboard_cookie_authenticates_the_api_with_the_same_scoping()
    {
        using var york = await DashboardClient.SignedInAsync(_hub, "york-cookie", AccountRole.DataManager, "York");
        Assert.That((await york.Http.GetFromJsonAsync<JsonElement>("/api/review")).GetArrayLength(), Is.Zero);
        using var leeds = await DashboardClient.SignedInAsync(_hub, "leeds-cookie", AccountRole.DataManager, "Leeds");
        Assert.That((await leeds.Http.GetFromJsonAsync<JsonElement>("/api/review")).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    [Order(2)] // resolves the item: after the tests that read it open
    public async Task The_review_pages_ask_for_a_reason_hide_other_authorities_items_and_resolve_through_the_form()
    {
        using var york = await DashboardClient.SignedInAsync(_hub, "york-page", AccountRole.DataManager, "York");
        Assert.That(await york.Http.GetStringAsync("/dashboard/review"), Does.Contain("Nothing is waiting for review"));
        Assert.That((await york.Http.GetAsync($"/dashboard/review/{_item}?reason=curious")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var leeds = await DashboardClient.SignedInAsync(_hub, "leeds-page", AccountRole.DataManager, "Leeds");
        var list = await leeds.Http.GetStringAsync("/dashboard/review");
        Assert.That(list, Does.Contain(_item.ToString()).And.Contain("L-7").And.Not.Contain("Morgan"));
        var ask = await leeds.Http.GetStringAsync($"/dashboard/review/{_item}");
        Assert.That(ask, Does.Contain("Why are you opening this item?").And.Not.Contain("Morgan"));
        var page = await leeds.Http.GetStringAsync($"/dashboard/review/{_item}?reason=weekly-matching");
        Assert.That(page, Does.Contain("Morgan").And.Contain("withheld").And.Contain("date_of_birth"));

        using var wrongChild = await leeds.PostFormAsync($"/dashboard/review/{_item}/resolve",
            new() { ["resolution"] = "link", ["childId"] = Guid.NewGuid().ToString() }, tokenFrom: "/dashboard/review");
        Assert.That(wrongChild.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "only a candidate or a child the reader may see");

        using var resolved = await leeds.PostFormAsync($"/dashboard/review/{_item}/resolve", new() { ["resolution"] = "new" }, tokenFrom: "/dashboard/review");
        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await leeds.Http.GetStringAsync("/dashboard/review?done=new"), Does.Contain("Nothing is waiting for review"));
        Assert.That((await Linked.AuditAsync(_hub, "review.resolved")).Single().Actor, Is.EqualTo("leeds-page"));
        Assert.That((await _leeds.NextReceiptAsync()).Status, Is.EqualTo(ReceiptStatus.Accepted));
    }
}
