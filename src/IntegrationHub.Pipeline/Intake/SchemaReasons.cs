using IntegrationHub.Contracts;
using NJsonSchema;
using NJsonSchema.Validation;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>Turns NJsonSchema's errors into receipt reasons: a JSON path, a stable code and a sentence.</summary>
internal static class SchemaReasons
{
    public static IEnumerable<Reason> From(IEnumerable<ValidationError> errors, JsonSchema root) =>
        Flatten(errors).Select(e => ToReason(e, root)).DistinctBy(r => (r.Path, r.Code));

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static Reason ToReason(ValidationError error, JsonSchema root)
    {
        // NJsonSchema paths look like "#/child.address.postcode"; receipts use JSONPath ("$.child.address.postcode").
        var path = error.Path is null or "#" ? "$" : "$." + error.Path.TrimStart('#', '/');
        var property = error.Property;

        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => new Reason
            {
                Path = path,
                Code = "schema.required",
                Message = $"The required property '{property}' is missing.",
            },
            ValidationErrorKind.NoAdditionalPropertiesAllowed => new Reason
            {
                Path = path,
                Code = "schema.unknownProperty",
                Message = $"'{FragmentValidator.Truncate(property ?? "?")}' is not a property of this message." + Suggestion(property),
            },
            ValidationErrorKind.NotInEnumeration when path.EndsWith(".sector", StringComparison.Ordinal) => new Reason
            {
                Path = path,
                Code = "involvement.sector.unknown",
                Message = "Unknown sector; expected one of " + Allowed(error) + ".",
            },
            ValidationErrorKind.NotInEnumeration => new Reason { Path = path, Code = "schema.enum", Message = "Not an allowed value; expected one of " + Allowed(error) + "." },
            ValidationErrorKind.DateExpected => new Reason { Path = path, Code = "schema.date", Message = "Expected a date as YYYY-MM-DD." },
            ValidationErrorKind.DateTimeExpected => new Reason { Path = path, Code = "schema.dateTime", Message = "Expected a date and time in ISO 8601 with an offset, e.g. 2026-11-23T10:15:00Z." },
            ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected
                or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NumberExpected
                or ValidationErrorKind.NullExpected => new Reason
            {
                Path = path,
                Code = "schema.type",
                Message = $"Wrong type: {Describe(error.Kind)}.",
            },
            ValidationErrorKind.StringTooShort or ValidationErrorKind.StringTooLong => new Reason
            {
                Path = path,
                Code = "schema.length",
                Message = error.Kind == ValidationErrorKind.StringTooShort ? "Too short (or empty)." : "Too long for this field.",
            },
            ValidationErrorKind.TooManyItems or ValidationErrorKind.TooFewItems => new Reason { Path = path, Code = "schema.items", Message = error.Kind == ValidationErrorKind.TooManyItems ? "Too many items." : "Too few items." },
            ValidationErrorKind.PatternMismatch => new Reason { Path = path, Code = "schema.pattern", Message = "Not in the expected format (" + (error.Schema?.Pattern ?? "see the schema") + ")." },
            ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig => new Reason { Path = path, Code = "schema.range", Message = "Out of the allowed range." },
            _ => new Reason { Path = path, Code = "schema." + char.ToLowerInvariant(error.Kind.ToString()[0]) + error.Kind.ToString()[1..], Message = "Does not match the message schema: " + error.Kind + "." },
        };
    }

    private static string Allowed(ValidationError error) =>
        error.Schema?.ActualSchema.Enumeration is { Count: > 0 } values ? string.Join(", ", values) : "the values in the schema";

    private static string Describe(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => "expected a string",
        ValidationErrorKind.IntegerExpected => "expected an integer",
        ValidationErrorKind.BooleanExpected => "expected true or false",
        ValidationErrorKind.ObjectExpected => "expected an object",
        ValidationErrorKind.ArrayExpected => "expected an array",
        ValidationErrorKind.NumberExpected => "expected a number",
        _ => "expected null",
    };

    /// <summary>Property names are camelCase; a snake_case or PascalCase spelling gets the right name suggested.</summary>
    private static string Suggestion(string? property)
    {
        if (string.IsNullOrEmpty(property))
        {
            return string.Empty;
        }

        var parts = property.Split(['_', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return string.Empty;
        }

        var camel = char.ToLowerInvariant(parts[0][0]) + parts[0][1..] +
                    string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));
        return camel == property ? " Property names are camelCase and case-sensitive." : $" Property names are camelCase: did you mean '{camel}'?";
    }
}
