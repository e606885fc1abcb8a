namespace IntegrationHub.Domain.Rules;

/// <summary>
/// A rule that holds for every sector (dates, identity, consent), as opposed to the rules a
/// <see cref="SectorDefinition"/> declares. Listed as data so the docs and the coverage tests see them.
/// </summary>
public sealed record StandingRule(string Id, string Description, GuidanceReference Section);
