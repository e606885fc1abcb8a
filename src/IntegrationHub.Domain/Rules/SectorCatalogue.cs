using IntegrationHub.Domain.Rules.Sectors;

namespace IntegrationHub.Domain.Rules;

/// <summary>
/// The sector definitions and case-data terms the hub holds sources to. <see cref="Guidance40"/> is
/// Involvement Guidance v4.0; <see cref="With"/> adds a sector (Health, Justice Part 3) without touching the engine.
/// </summary>
public sealed class SectorCatalogue
{
    public SectorCatalogue(IReadOnlyList<SectorDefinition> definitions, IReadOnlyList<CaseDataTerm> caseDataTerms)
    {
        // A duplicate id would make a violation's rule id ambiguous: a programming error in a definition, so throw.
        var duplicateSector = definitions.GroupBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateSector is not null)
        {
            throw new ArgumentException($"Sector id '{duplicateSector.Key}' is defined twice.", nameof(definitions));
        }

        var duplicateRule = definitions.SelectMany(d => d.Rules).Select(r => r.Id).Concat(caseDataTerms.Select(t => t.Id))
            .GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateRule is not null)
        {
            throw new ArgumentException($"Rule id '{duplicateRule.Key}' is used twice.", nameof(definitions));
        }

        Definitions = definitions;
        CaseDataTerms = caseDataTerms;
    }

    /// <summary>The eight sectors of Involvement Guidance v4.0, as ten definitions (voluntary and education are split).</summary>
    public static SectorCatalogue Guidance40 { get; } = new(
        [
            ConnexionsRules.Definition,
            YouthServiceRules.Definition,
            SocialCareRules.Definition,
            VoluntaryRules.NationalPartner,
            VoluntaryRules.Vcso,
            YouthOffendingRules.Definition,
            PoliceRules.Definition,
            EarlyYearsRules.Definition,
            EducationRules.Universal,
            EducationRules.Additional,
        ],
        Rules.CaseDataTerms.Guidance40);

    public IReadOnlyList<SectorDefinition> Definitions { get; }

    public IReadOnlyList<CaseDataTerm> CaseDataTerms { get; }

    public SectorDefinition? Find(string? sectorId) =>
        Definitions.FirstOrDefault(d => string.Equals(d.Id, sectorId, StringComparison.Ordinal));

    /// <summary>A catalogue with one more sector definition.</summary>
    public SectorCatalogue With(SectorDefinition definition) => new([.. Definitions, definition], CaseDataTerms);
}
