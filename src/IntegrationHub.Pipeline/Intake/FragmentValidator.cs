using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.Identifiers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>
/// What validation made of one body: its identity as far as it could be read, and either the typed
/// fragment (valid) or every reason it fails (then Fragment is null).
/// </summary>
public sealed record ValidatedMessage(
    string MessageId,
    bool HasOwnMessageId,
    string? SourceChildId,
    long? Sequence,
    IFragment? Fragment,
    IReadOnlyList<Reason> Reasons);

/// <summary>
/// Turns raw bytes into a typed fragment or a complete list of reasons. Never throws for bad input:
/// size, JSON syntax, the schema for the message type (schemas/*.schema.json, the source of truth),
/// then the checks a schema cannot express (check digits, postcodes, plausible dates, who sent it).
/// </summary>
public sealed class FragmentValidator
{
    private static readonly JsonLoadSettings LoadSettings = new() { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

    private readonly IReadOnlyDictionary<string, (JsonSchema Schema, Type Contract)> _schemas;
    private readonly IntakeOptions _options;
    private readonly TimeProvider _clock;

    public FragmentValidator(SchemaSet schemas, IntakeOptions options, TimeProvider clock)
    {
        _schemas = new Dictionary<string, (JsonSchema, Type)>
        {
            [StartInvolvement.Type] = (schemas.StartInvolvement, typeof(StartInvolvement)),
            [UpdateInvolvement.Type] = (schemas.UpdateInvolvement, typeof(UpdateInvolvement)),
            [EndInvolvement.Type] = (schemas.EndInvolvement, typeof(EndInvolvement)),
            [Demographics.Type] = (schemas.Demographics, typeof(Demographics)),
        };
        _options = options;
        _clock = clock;
    }

    public ValidatedMessage Validate(ReadOnlyMemory<byte> body, string authenticatedSourceId)
    {
        if (body.Length > _options.MaxBodyBytes)
        {
            return Unreadable(body, new Reason
            {
                Path = "$",
                Code = "message.tooLarge",
                Message = $"The message is {body.Length} bytes; the hub accepts at most {_options.MaxBodyBytes} bytes. It was not read.",
            });
        }

        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StreamReader(new MemoryStream(body.ToArray()), Encoding.UTF8))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = 32,
            };
            token = JToken.ReadFrom(reader, LoadSettings);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException($"Unexpected content after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}.");
            }
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return Unreadable(body, new Reason { Path = "$", Code = "message.malformedJson", Message = $"The body is not valid JSON: {ex.Message}" });
        }

        if (token is not JObject json)
        {
            return Unreadable(body, new Reason { Path = "$", Code = "message.notAnObject", Message = "A message must be a JSON object." });
        }

        // Read for the receipt even when the message is invalid, but only values that fit their schema:
        // an oversized id must never reach a database column (and fail the whole batch with it).
        var messageId = Text(json, "messageId") is { Length: > 0 and <= 100 } id && id.All(IsMessageIdChar) ? id : null;
        var sourceChildId = Text(json, "sourceChildId") is { Length: > 0 and <= 64 } child ? child : null;
        var sequence = json["sequence"] is JValue { Type: JTokenType.Integer } seq ? (long?)seq : null;
        ValidatedMessage Fail(params Reason[] reasons) =>
            new(messageId ?? Fingerprint(body), messageId is not null, sourceChildId, sequence, null, reasons);

        var messageType = json["messageType"];
        if (messageType is not JValue { Type: JTokenType.String } typeValue)
        {
            return Fail(new Reason { Path = "$.messageType", Code = "messageType.missing", Message = "messageType is required: one of " + KnownTypes + "." });
        }

        if (!_schemas.TryGetValue((string)typeValue!, out var entry))
        {
            return Fail(new Reason { Path = "$.messageType", Code = "messageType.unknown", Message = $"'{Truncate((string)typeValue!)}' is not a message type the hub accepts: one of {KnownTypes}." });
        }

        // Every reason at once: the schema's, then the checks a schema cannot express, read from the
        // JSON itself so that they are reported even when the schema already failed.
        var reasons = SchemaReasons.From(entry.Schema.Validate(json), entry.Schema).Concat(SemanticReasons(json, authenticatedSourceId)).ToArray();
        if (reasons.Length > 0)
        {
            return Fail(reasons);
        }

        try
        {
            var fragment = (IFragment)System.Text.Json.JsonSerializer.Deserialize(body.Span, entry.Contract, HubJson.Options)!;
            return new ValidatedMessage(fragment.MessageId, true, fragment.SourceChildId, fragment.Sequence, fragment, []);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // The schema passed, so this means schema and contract disagree: a defect, but still the source's answer.
            return Fail(new Reason { Path = ex.Path ?? "$", Code = "message.unreadable", Message = "The message could not be read into the hub's contract: " + ex.Message });
        }
    }

    private IEnumerable<Reason> SemanticReasons(JObject json, string authenticatedSourceId)
    {
        var now = _clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        if (Text(json, "sourceId") is { } sourceId && !string.Equals(sourceId, authenticatedSourceId, StringComparison.Ordinal))
        {
            yield return new Reason
            {
                Path = "$.sourceId",
                Code = "sourceId.mismatch",
                Message = $"The message names source '{Truncate(sourceId)}' but was published by source '{authenticatedSourceId}'. A source may only send its own data.",
            };
        }

        if (Text(json, "producedAt") is { } producedText && DateTimeOffset.TryParse(producedText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var producedAt)
            && producedAt > now.AddSeconds(_options.ClockSkewSeconds))
        {
            yield return new Reason { Path = "$.producedAt", Code = "producedAt.future", Message = "producedAt is in the future; check the sending system's clock." };
        }

        var child = json["child"] as JObject;
        if (Text(child, "nhsNumber") is { } nhs && !NhsNumber.IsValid(nhs))
        {
            yield return new Reason { Path = "$.child.nhsNumber", Code = "child.nhsNumber.checkDigit", Message = "The NHS number is not ten digits with a valid modulus-11 check digit." };
        }

        if (Text(child, "upn") is { } upn && !UniquePupilNumber.IsValid(upn))
        {
            yield return new Reason { Path = "$.child.upn", Code = "child.upn.checkLetter", Message = "The UPN is not a check letter and twelve characters whose check letter matches (DfE UPN algorithm)." };
        }

        if (Text(child?["address"] as JObject, "postcode") is { } postcode && !UkPostcode.IsValid(postcode))
        {
            yield return new Reason { Path = "$.child.address.postcode", Code = "child.address.postcode.invalid", Message = "The postcode is not a valid UK postcode." };
        }

        if (child?["parentsCarers"] is JArray parents)
        {
            for (var i = 0; i < parents.Count; i++)
            {
                if (Text(parents[i]["address"] as JObject, "postcode") is { } parentPostcode && !UkPostcode.IsValid(parentPostcode))
                {
                    yield return new Reason { Path = $"$.child.parentsCarers[{i}].address.postcode", Code = "child.parentsCarers.address.postcode.invalid", Message = "The postcode is not a valid UK postcode." };
                }
            }
        }

        if (Date(child, "dateOfBirth") is { } dateOfBirth)
        {
            if (dateOfBirth > today)
            {
                yield return new Reason { Path = "$.child.dateOfBirth", Code = "child.dateOfBirth.future", Message = "The date of birth is in the future." };
            }
            else if (dateOfBirth.AddYears(26) <= today)
            {
                yield return new Reason
                {
                    Path = "$.child.dateOfBirth",
                    Code = "child.dateOfBirth.tooOld",
                    Message = "By this date of birth the person is over 25; the directory holds children and young people up to 25 at most.",
                };
            }
        }

        var involvement = json["involvement"] as JObject;
        var start = Date(involvement, "startDate");
        var end = Date(involvement, "endDate");
        if (start > today)
        {
            yield return new Reason { Path = "$.involvement.startDate", Code = "involvement.startDate.future", Message = "An involvement cannot start in the future; send it when it starts." };
        }

        if (end < start)
        {
            yield return new Reason { Path = "$.involvement.endDate", Code = "involvement.endDate.beforeStart", Message = "The end date is before the start date." };
        }

        if (end > today)
        {
            yield return new Reason { Path = "$.involvement.endDate", Code = "involvement.endDate.future", Message = "An involvement cannot end in the future; send the end when it happens." };
        }
    }

    private static bool IsMessageIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';

    private static string? Text(JObject? parent, string property) =>
        parent?[property] is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private static DateOnly? Date(JObject? parent, string property) =>
        DateOnly.TryParseExact(Text(parent, property), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string KnownTypes => string.Join(", ", StartInvolvement.Type, UpdateInvolvement.Type, EndInvolvement.Type, Demographics.Type);

    private static ValidatedMessage Unreadable(ReadOnlyMemory<byte> body, Reason reason) =>
        new(Fingerprint(body), false, null, null, null, [reason]);

    /// <summary>The idempotency key of a message whose messageId cannot be read: the same bytes twice are one message.</summary>
    public static string Fingerprint(ReadOnlyMemory<byte> body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body.Span));

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
