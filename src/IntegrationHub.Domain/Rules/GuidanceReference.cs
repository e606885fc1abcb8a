namespace IntegrationHub.Domain.Rules;

/// <summary>
/// A section of a source document in /work/shared/seeds: "000" is the Involvement Guidance v4.0,
/// "002" the draft statutory guidance. Rendered as "000 4.3.2" in violations and docs.
/// </summary>
public sealed record GuidanceReference(string Document, string Section)
{
    /// <summary>ContactPoint Involvement Guidance v4.0 (ISIP-IM-1876).</summary>
    public const string InvolvementGuidance = "000";

    /// <summary>Draft ContactPoint statutory guidance.</summary>
    public const string StatutoryGuidance = "002";

    public static GuidanceReference Involvement(string section) => new(InvolvementGuidance, section);

    public static GuidanceReference Statutory(string section) => new(StatutoryGuidance, section);

    public override string ToString() => $"{Document} {Section}";
}
