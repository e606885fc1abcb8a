using System.Text.RegularExpressions;
using IntegrationHub.Domain.Involvements;

namespace IntegrationHub.Domain.Rules;

/// <summary>The outcome of matching a service provision name against a convention.</summary>
public sealed record NameMatch(bool IsMatch, string? Problem = null)
{
    public static NameMatch Matched { get; } = new(true);

    public static NameMatch Failed(string? problem = null) => new(false, problem);
}

/// <summary>
/// A service provision name convention (000 1.5.6 and each sector's "information to include"). Names
/// are compared case-insensitively, ignoring apostrophes and repeated spaces: the guidance itself writes
/// both "Youth Service" and "Youth service". Identity (name + start date) stays exact; this is only the convention.
/// </summary>
public abstract partial record NameConvention
{
    public abstract NameMatch Match(ReportedInvolvement involvement);

    /// <summary>The convention in words, e.g. <c>"Children's Social Care", optionally followed by a unique tag</c>.</summary>
    public abstract string Describe();

    /// <summary>A name that follows the convention.</summary>
    public abstract string Example { get; }

    public const string TagRule = "a unique tag is one word of letters and digits with at least one digit, e.g. 12345";

    /// <summary>Trim, straighten curly apostrophes, collapse whitespace.</summary>
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var straightened = name.Replace('\u2019', '\'').Replace('\u2018', '\'');
        return Whitespace().Replace(straightened.Trim(), " ");
    }

    /// <summary>Lower-case, apostrophes dropped: the form conventions compare.</summary>
    protected static string Canonical(string? name) =>
        Normalise(name).Replace("'", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>A unique tag (000 1.5.6): one token of letters, digits, '-', '/' or '_' with at least one digit.</summary>
    public static bool IsValidTag(string tag) => Tag().IsMatch(tag) && tag.Any(char.IsAsciiDigit);

    /// <summary>Matches what follows a base name: nothing, or an optional " - " then a valid tag.</summary>
    protected static NameMatch MatchTail(string tail, string baseName)
    {
        if (tail.Length == 0)
        {
            return NameMatch.Matched;
        }

        if (!tail.StartsWith(' '))
        {
            return NameMatch.Failed();
        }

        var tag = tail.TrimStart();
        if (tag.StartsWith("- ", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        return IsValidTag(tag)
            ? NameMatch.Matched
            : NameMatch.Failed($"\"{tag}\" after \"{baseName}\" is not a unique tag ({TagRule})");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9/_-]{0,29}$")]
    private static partial Regex Tag();
}

/// <summary>A fixed name plus an optional unique tag: "Youth service", "Community Safety 123".</summary>
public sealed record FixedName(string BaseName) : NameConvention
{
    public override NameMatch Match(ReportedInvolvement involvement)
    {
        var name = Canonical(involvement.ServiceProvisionName);
        var expected = Canonical(BaseName);
        return name.StartsWith(expected, StringComparison.Ordinal)
            ? MatchTail(name[expected.Length..], BaseName)
            : NameMatch.Failed();
    }

    public override string Describe() => $"\"{BaseName}\", optionally followed by a unique tag";

    public override string Example => $"{BaseName} 12345";
}

/// <summary>A prefix, the local organisation's name and a suffix: "Connexions [local name] Enhanced Service".</summary>
public sealed record LocalNameService(string Prefix, string Suffix, string ExampleLocalName) : NameConvention
{
    public override NameMatch Match(ReportedInvolvement involvement)
    {
        var name = Canonical(involvement.ServiceProvisionName);
        var prefix = Canonical(Prefix) + " ";
        var suffix = " " + Canonical(Suffix);
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return NameMatch.Failed();
        }

        var at = name.LastIndexOf(suffix, StringComparison.Ordinal);
        if (at < prefix.Length)
        {
            return NameMatch.Failed();
        }

        var localName = name[prefix.Length..at].Trim();
        if (localName.Length == 0)
        {
            return NameMatch.Failed("the local name is missing");
        }

        return MatchTail(name[(at + suffix.Length)..], $"{Prefix} {ExampleLocalName} {Suffix}");
    }

    public override string Describe() => $"\"{Prefix} [local name] {Suffix}\", optionally followed by a unique tag";

    public override string Example => $"{Prefix} {ExampleLocalName} {Suffix}";
}

/// <summary>The organisation's name then the type of service, e.g. "The Children's Society UK Contact Centre" (000 4.4.3).</summary>
public sealed record OrganisationAndService : NameConvention
{
    public override NameMatch Match(ReportedInvolvement involvement)
    {
        if (string.IsNullOrWhiteSpace(involvement.OrganisationName))
        {
            return NameMatch.Failed("the organisation name is missing: send it in organisationName");
        }

        var name = Canonical(involvement.ServiceProvisionName);
        var organisation = Canonical(involvement.OrganisationName) + " ";
        if (!name.StartsWith(organisation, StringComparison.Ordinal))
        {
            return NameMatch.Failed($"it does not start with the organisation name \"{Normalise(involvement.OrganisationName)}\"");
        }

        return name[organisation.Length..].Trim().Length == 0
            ? NameMatch.Failed("the type of service is missing after the organisation name")
            : NameMatch.Matched;
    }

    public override string Describe() => "the organisation's name followed by the type of service (e.g. contact centre), optionally followed by a unique tag";

    public override string Example => "The Children's Society UK Contact Centre 12345";
}
