using System.Net;
using System.Text.Json;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>The read side: a child's best view with its involvements, privacy-projected, and every read audited with who and why.</summary>
[TestFixture]
[NonParallelizable]
public class When_a_child_record_is_read
{
    private HubUnderTest _hub = null!;
    private SourceClient _cms = null!;
    private Guid _child;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync();
        _cms = await _hub.AddSourceAsync("cms");
        await _cms.SendAndSettleAsync(Fragments.Start(_cms.SourceId));
        await _cms.SendAndSettleAsync(Fragments.Start(_cms.SourceId, provision: "Youth service 2", startDate: "2025-05-01")
            .AsYouthService().With("involvement.sensitive", true).With("involvement.sensitiveConsentBasis", "explicitConsent")
            .With("involvement.practitioner.name", "Dr Q Sensitive"));
        _child = (await Linked.ChildOfAsync(_hub, _cms.SourceId))!.Value;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _cms.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task Without_a_reason_it_is_refused_and_the_refusal_audited()
    {
        using var http = await Linked.HttpAsync(_hub);
        var response = await http.GetAsync($"/api/children/{_child}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Linked.AuditAsync(_hub, "child.viewRefused")).Select(a => a.Actor), Does.Contain("ada.admin"));
    }

    [Test]
    public async Task With_a_reason_it_shows_the_best_view_and_audits_the_reader_and_reason()
    {
        using var http = await Linked.HttpAsync(_hub, "sam.practitioner");
        var response = await http.GetAsync($"/api/children/{_child}?reason=section-47-enquiry");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);

        var json = JsonDocument.Parse(body).RootElement;
        Assert.That(json.GetProperty("bestView").GetProperty("details").GetProperty("familyName").GetString(), Is.EqualTo("Morgan"));
        var viewed = (await Linked.AuditAsync(_hub, "child.viewed")).Last(a => a.Actor == "sam.practitioner");
        Assert.That(viewed.Detail, Does.Contain("section-47-enquiry").And.Contain(_child.ToString()));
    }

    [Test]
    public async Task A_sensitive_involvement_shows_only_that_a_sensitive_service_is_involved()
    {
        using var http = await Linked.HttpAsync(_hub);
        var body = await http.GetStringAsync($"/api/children/{_child}?reason=test");
        var involvements = JsonDocument.Parse(body).RootElement.GetProperty("involvements").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(involvements.Select(i => i.GetProperty("description").GetString()),
                Is.EquivalentTo(new[] { "Children's Social Care", "a sensitive service is involved" }));
            Assert.That(body, Does.Not.Contain("Youth service"), "not even the sensitive provision's name");
            Assert.That(body, Does.Not.Contain("Dr Q Sensitive"));
            Assert.That(body, Does.Contain("Ms A Okafor"), "the other involvement keeps its practitioner");
        });
    }

    [Test]
    public async Task A_shielded_record_shows_no_address_postcode_school_or_gp()
    {
        await using (var db = _hub.Database())
        {
            await db.Set<ChildRecord>().Where(c => c.Id == _child).ExecuteUpdateAsync(s => s.SetProperty(c => c.Shielded, true));
        }

        try
        {
            using var http = await Linked.HttpAsync(_hub);
            var body = await http.GetStringAsync($"/api/children/{_child}?reason=test");
            Assert.Multiple(() =>
            {
                Assert.That(body, Does.Not.Contain("LS1"));
                Assert.That(body, Does.Not.Contain("Station Road"));
                Assert.That(body, Does.Not.Contain("Park View"));
                Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("shielded").GetBoolean(), Is.True);
            });
        }
        finally
        {
            await using var db = _hub.Database();
            await db.Set<ChildRecord>().Where(c => c.Id == _child).ExecuteUpdateAsync(s => s.SetProperty(c => c.Shielded, false));
        }
    }
}
