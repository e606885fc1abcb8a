using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Replies;
using Microsoft.EntityFrameworkCore;
using NJsonSchema;
using RabbitMQ.Client;

namespace IntegrationHub.IntegrationTests.Intake;

[TestFixture]
[NonParallelizable]
public class When_a_source_publishes_over_raw_amqp
{
    private HubUnderTest _hub = null!;
    private SourceClient _source = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hub = await HubUnderTest.StartAsync();
        _source = await _hub.AddSourceAsync("cms-leeds");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _source.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Test]
    public async Task A_valid_start_is_accepted_and_stored()
    {
        var childId = "C-" + Guid.NewGuid().ToString("N")[..6];
        var fragment = Fragments.Start(_source.SourceId, childId);

        await _source.PublishAsync(fragment.ToJsonString());
        var (receipt, raw) = await _source.NextRawReceiptAsync();

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted), string.Join("; ", receipt.Reasons.Select(r => r.Code)));
            Assert.That(receipt.InReplyTo, Is.EqualTo((string)fragment["messageId"]!));
            Assert.That(receipt.SourceChildId, Is.EqualTo(childId));
            Assert.That(receipt.Reasons, Is.Empty);
        });

        // The receipt on the wire is plain JSON that satisfies the published schema.
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "schemas", "receipt.schema.json"));
        Assert.That(schema.Validate(System.Text.Encoding.UTF8.GetString(raw)), Is.Empty);

        await using var db = _hub.Database();
        var stored = await db.ChildFragments.Include(f => f.Involvements).SingleAsync(f => f.SourceId == _source.SourceId && f.SourceChildId == childId);
        Assert.Multiple(() =>
        {
            Assert.That(stored.FamilyName, Is.EqualTo("Morgan"));
            Assert.That(stored.Postcode, Is.EqualTo("LS1 4DY"));
            Assert.That(stored.Involvements.Single().ServiceProvisionName, Is.EqualTo("Children's Social Care"));
        });
        var audit = await db.Audit.SingleAsync(a => a.MessageId == (string)fragment["messageId"]!);
        Assert.Multiple(() =>
        {
            Assert.That(audit.Actor, Is.EqualTo(_source.SourceId));
            Assert.That(audit.Outcome, Is.EqualTo("applied"));
        });
    }

    [Test]
    public async Task The_health_endpoint_is_healthy_when_the_broker_and_database_are()
    {
        using var http = new HttpClient { BaseAddress = _hub.HttpAddress };

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [TestCase(null)]
    [TestCase("text/plain")]
    [TestCase("application/xml")]
    [TestCase("application/vnd.masstransit+json")]
    public async Task Any_content_type_is_read_as_the_json_it_carries(string? contentType)
    {
        var fragment = Fragments.Start(_source.SourceId, "C-" + Guid.NewGuid().ToString("N")[..6]);

        await _source.PublishAsync(System.Text.Encoding.UTF8.GetBytes(fragment.ToJsonString()), contentType: contentType);
        var receipt = await _source.NextReceiptAsync();

        Assert.That(receipt.InReplyTo, Is.EqualTo((string)fragment["messageId"]!));
        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted));
    }

    [Test]
    public async Task A_produced_at_time_with_a_local_offset_is_accepted_and_kept_as_the_same_instant()
    {
        var childId = "C-" + Guid.NewGuid().ToString("N")[..6];
        var fragment = Fragments.Start(_source.SourceId, childId).With("producedAt", "2026-06-01T09:30:00+01:00");

        var receipt = await _source.SendAsync(fragment.ToJsonString());

        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted), string.Join("; ", receipt.Reasons.Select(r => r.Code)));
        await using var db = _hub.Database();
        var stored = await db.ChildFragments.SingleAsync(f => f.SourceId == _source.SourceId && f.SourceChildId == childId);
        Assert.That(stored.ProducedAt, Is.EqualTo(new DateTimeOffset(2026, 6, 1, 8, 30, 0, TimeSpan.Zero)));
    }

    private static IEnumerable<TestCaseData> InvalidFragments()
    {
        TestCaseData Case(string name, Func<JsonObject, JsonObject> change, string path, string code) =>
            new TestCaseData(change, path, code).SetName($"Rejected: {name} ({code} at {path})");

        yield return Case("NHS number failing modulus 11", f => f.With("child.nhsNumber", "4857773458"), "$.child.nhsNumber", "child.nhsNumber.checkDigit");
        yield return Case("UPN failing its check letter", f => f.With("child.upn", "A209301512001"), "$.child.upn", "child.upn.checkLetter");
        yield return Case("invalid UK postcode", f => f.With("child.address.postcode", "LS1 4D"), "$.child.address.postcode", "child.address.postcode.invalid");
        yield return Case("date of birth in the future", f => f.With("child.dateOfBirth", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "$.child.dateOfBirth", "child.dateOfBirth.future");
        yield return Case("date of birth over 25 years ago", f => f.With("child.dateOfBirth", "1990-01-01"), "$.child.dateOfBirth", "child.dateOfBirth.tooOld");
        yield return Case("unknown sector", f => f.With("involvement.sector", "astrology"), "$.involvement.sector", "involvement.sector.unknown");
        yield return Case("missing required field", f => f.With("child.familyName", null), "$.child.familyName", "schema.required");
        yield return Case("wrong type", f => f.With("sequence", "seven"), "$.sequence", "schema.type");
        yield return Case("a date that is not a date", f => f.With("child.dateOfBirth", "17/04/2012"), "$.child.dateOfBirth", "schema.date");
        yield return Case("snake_case property", f => f.With("child.date_of_birth", "2012-04-17"), "$.child.date_of_birth", "schema.unknownProperty");
        yield return Case("unknown message type", f => f.With("messageType", "mergeChildren"), "$.messageType", "messageType.unknown");
        yield return Case("end date before start date", f => f.With("involvement.endDate", "2020-01-01"), "$.involvement.endDate", "involvement.endDate.beforeStart");
        yield return Case("another source's id in the body", f => f.With("sourceId", "someone-else"), "$.sourceId", "sourceId.mismatch");
    }

    [TestCaseSource(nameof(InvalidFragments))]
    public async Task Each_validation_failure_is_a_rejection_naming_the_field_and_rule(Func<JsonObject, JsonObject> change, string path, string code)
    {
        var fragment = change(Fragments.Start(_source.SourceId, "C-" + Guid.NewGuid().ToString("N")[..6]));

        var receipt = await _source.SendAsync(fragment.ToJsonString());

        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Rejected));
        Assert.That(receipt.Reasons.Select(r => (r.Path, r.Code)), Does.Contain((path, code)));
        Assert.That(receipt.Reasons.All(r => r.Message.Length > 10), Is.True, "every reason carries a sentence");
    }

    [Test]
    public async Task Every_failure_in_one_message_is_reported_together()
    {
        var fragment = Fragments.Start(_source.SourceId)
            .With("child.nhsNumber", "1234567890")
            .With("child.address.postcode", "NOT A CODE")
            .With("involvement.sector", "astrology")
            .With("child.given_name", "Kelly");

        var receipt = await _source.SendAsync(fragment.ToJsonString());

        Assert.That(receipt.Reasons.Select(r => r.Code), Is.SupersetOf(new[]
        {
            "child.nhsNumber.checkDigit", "child.address.postcode.invalid", "involvement.sector.unknown", "schema.unknownProperty",
        }));
    }

    [Test]
    public async Task Garbage_a_huge_body_and_an_unknown_type_do_not_stop_the_consumer()
    {
        await _source.PublishAsync([0xff, 0xfe, 0x00, 0x41, 0x42]);
        await _source.PublishAsync(new byte[10 * 1024 * 1024]);
        await _source.PublishAsync("""{"messageType":"deleteEverything","messageId":"x-1"}""");
        var valid = Fragments.Start(_source.SourceId, "C-" + Guid.NewGuid().ToString("N")[..6]);
        await _source.PublishAsync(valid.ToJsonString());

        var receipts = await _source.ReceiptsAsync(4);

        Assert.Multiple(() =>
        {
            Assert.That(receipts[0].Reasons.Single().Code, Is.EqualTo("message.malformedJson"));
            Assert.That(receipts[1].Reasons.Single().Code, Is.EqualTo("message.tooLarge"));
            Assert.That(receipts[2].Reasons.Single().Code, Is.EqualTo("messageType.unknown"));
            Assert.That(receipts[2].InReplyTo, Is.EqualTo("x-1"));
            Assert.That(receipts[3].Status, Is.EqualTo(ReceiptStatus.Accepted));
            Assert.That(receipts[3].InReplyTo, Is.EqualTo((string)valid["messageId"]!));
        });
    }

    [Test]
    public async Task An_oversized_message_id_is_rejected_without_harming_the_messages_around_it()
    {
        var before = Fragments.Start(_source.SourceId, "C-" + Guid.NewGuid().ToString("N")[..6]);
        var oversized = Fragments.Start(_source.SourceId).With("messageId", new string('x', 500)).With("sourceChildId", new string('c', 300));
        var after = Fragments.Start(_source.SourceId, "C-" + Guid.NewGuid().ToString("N")[..6]);

        await _source.PublishAsync(before.ToJsonString());
        await _source.PublishAsync(oversized.ToJsonString());
        await _source.PublishAsync(after.ToJsonString());
        var receipts = await _source.ReceiptsAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(receipts[0].Status, Is.EqualTo(ReceiptStatus.Accepted));
            Assert.That(receipts[1].Status, Is.EqualTo(ReceiptStatus.Rejected));
            Assert.That(receipts[1].InReplyTo, Is.Null, "an id that breaks the schema is not echoed");
            Assert.That(receipts[1].Reasons.Select(r => r.Path), Does.Contain("$.messageId").And.Contain("$.sourceChildId"));
            Assert.That(receipts[2].Status, Is.EqualTo(ReceiptStatus.Accepted));
        });
    }

    [Test]
    public async Task A_message_without_user_id_is_dead_lettered_with_its_cause()
    {
        var body = Fragments.Start(_source.SourceId).ToJsonString();
        await using var db = _hub.Database();
        var before = await db.DeadLetters.CountAsync();

        await _source.PublishAsync(body, userId: null);

        var deadLetter = await Eventually.ValueAsync(async () =>
        {
            await using var check = _hub.Database();
            return await check.DeadLetters.OrderByDescending(d => d.Id).Skip(0).FirstOrDefaultAsync(d => d.Id > 0 && d.AmqpUser == null);
        });
        Assert.That(deadLetter.Cause, Does.Contain("user_id"));
        Assert.That(await db.DeadLetters.CountAsync(), Is.EqualTo(before + 1));

        // The message itself is kept on the dead-letter queue, with the cause beside it.
        var admin = await SourceClient.Factory(TestServers.RabbitAdminUser, TestServers.RabbitAdminPassword, _hub.VirtualHost).CreateConnectionAsync();
        await using var channel = await admin.CreateChannelAsync();
        var kept = await Eventually.ValueAsync(() => channel.BasicGetAsync(Topology.DeadLetterQueue, autoAck: true));
        Assert.Multiple(() =>
        {
            Assert.That(System.Text.Encoding.UTF8.GetString(kept.Body.Span), Is.EqualTo(body));
            Assert.That(System.Text.Encoding.UTF8.GetString((byte[])kept.BasicProperties.Headers![ReplySender.CauseHeader]!), Does.Contain("user_id"));
        });
        await admin.CloseAsync();
    }
}
