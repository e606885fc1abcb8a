namespace IntegrationHub.Matching.Normalisation;

/// <summary>What kind of postal code a record carries.</summary>
public enum PostcodeKind
{
    /// <summary>No postal code.</summary>
    None = 0,

    /// <summary>A complete UK postcode: area, district, sector and unit are all known.</summary>
    UkFull,

    /// <summary>Only the outward code of a UK postcode ("SW1A"): area and district are known.</summary>
    UkOutward,

    /// <summary>Anything else (another country's code, a mangled value): compared as a plain code.</summary>
    Other,
}

/// <summary>
/// A postal code split into the nested parts UK postcodes are made of. For "SW1A 1AA": area "SW",
/// district "SW1A", sector "SW1A 1", full "SW1A 1AA". Non-UK codes keep only <see cref="Full"/>
/// (upper case, letters and digits) and compare as equal or different.
/// </summary>
public sealed record ParsedPostcode(PostcodeKind Kind, string? Area, string? District, string? Sector, string? Full)
{
    /// <summary>The value for a record without a postcode.</summary>
    public static ParsedPostcode None { get; } = new(PostcodeKind.None, null, null, null, null);

    /// <summary>
    /// Parses a postcode as typed ("sw1a1aa", " SW1A 1AA ", "M1 1AE", "GIR 0AA"). Spacing and case are
    /// ignored. A value that is not UK-shaped becomes <see cref="PostcodeKind.Other"/>, so foreign codes
    /// ("75008", "D02 X285", "10115") still match when equal.
    /// </summary>
    public static ParsedPostcode Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        Span<char> buffer = stackalloc char[Math.Min(value.Length, 32)];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (length == buffer.Length)
                {
                    // Far too long for any postcode: compare as a plain code.
                    return Plain(value);
                }

                buffer[length++] = char.ToUpperInvariant(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                // A non-ASCII letter or digit cannot be part of a UK postcode.
                return Plain(value);
            }
        }

        if (length == 0)
        {
            return None;
        }

        var compact = buffer[..length];
        if (compact.SequenceEqual("GIR0AA"))
        {
            // The Girobank postcode predates the current format.
            return new ParsedPostcode(PostcodeKind.UkFull, "GIR", "GIR", "GIR 0", "GIR 0AA");
        }

        // Full postcode: outward (2-4 characters) + inward (digit + two letters).
        if (length >= 5 && length <= 7 &&
            char.IsAsciiDigit(compact[length - 3]) && char.IsAsciiLetter(compact[length - 2]) && char.IsAsciiLetter(compact[length - 1]) &&
            TryOutward(compact[..(length - 3)], out var area))
        {
            var outward = new string(compact[..(length - 3)]);
            var inward = new string(compact[(length - 3)..]);
            return new ParsedPostcode(
                PostcodeKind.UkFull,
                outward[..area],
                outward,
                string.Concat(outward, " ", inward.AsSpan(0, 1)),
                string.Concat(outward, " ", inward));
        }

        // Outward code only.
        if (length <= 4 && TryOutward(compact, out var outwardArea))
        {
            var outward = new string(compact);
            return new ParsedPostcode(PostcodeKind.UkOutward, outward[..outwardArea], outward, null, null);
        }

        return new ParsedPostcode(PostcodeKind.Other, null, null, null, new string(compact));
    }

    private static ParsedPostcode Plain(string value) =>
        new(PostcodeKind.Other, null, null, null, new string(value.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant());

    /// <summary>
    /// True if <paramref name="outward"/> has the shape of a UK outward code: one or two letters (the
    /// area), a digit, then optionally a digit or a letter (A9, A9A, A99, AA9, AA9A, AA99).
    /// </summary>
    private static bool TryOutward(ReadOnlySpan<char> outward, out int areaLength)
    {
        areaLength = 0;
        while (areaLength < outward.Length && char.IsAsciiLetter(outward[areaLength]))
        {
            areaLength++;
        }

        if (areaLength is < 1 or > 2)
        {
            return false;
        }

        var rest = outward[areaLength..];
        return rest.Length switch
        {
            1 => char.IsAsciiDigit(rest[0]),
            2 => char.IsAsciiDigit(rest[0]) && char.IsAsciiLetterOrDigit(rest[1]),
            _ => false,
        };
    }
}
