using System.Reflection;
using System.Text.Json;
using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using NJsonSchema;

namespace IntegrationHub.Contracts.Tests;

/// <summary>
/// The rules library (IntegrationHub.Domain) reads what the schemas let a source send: the same sector ids
/// and the same trigger evidence, so no fact a rule needs is missing from the wire and none on the wire is ignored.
/// </summary>
public class RulesVocabularyAgreesWithSchemas
{
    private static async Task<JsonSchema> Definition(string name)
    {
        var common = await JsonSchema.FromFileAsync(Path.Combine(ContractsAgreeWithSchemas.SchemaFolder, "common.schema.json"));
        return common.Definitions[name].ActualSchema;
    }

    [Test]
    public async Task The_schema_sectors_are_the_rules_catalogues_sectors()
    {
        var schema = await Definition("sector");
        Assert.That(
            schema.Enumeration.Select(v => v!.ToString()),
            Is.EquivalentTo(SectorCatalogue.Guidance40.Definitions.Select(d => d.Id)));
    }

    [Test]
    public async Task The_schema_evidence_is_the_rules_trigger_evidence()
    {
        var differences = new List<string>();
        ContractsAgreeWithSchemas.Compare(await Definition("evidence"), typeof(TriggerEvidence), "$.involvement.evidence", differences, CamelCase);
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public async Task The_schema_retention_consent_is_the_rules_retention_consent()
    {
        var schema = await Definition("retentionConsent");
        var differences = new List<string>();
        var properties = typeof(Domain.Consent.RetentionConsent).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        Assert.That(schema.ActualProperties.Keys, Is.EquivalentTo(properties));
        Assert.That(schema.ActualProperties["basis"].ActualSchema.Enumeration.Select(v => v!.ToString()), Is.EquivalentTo(Enum.GetNames<Domain.Consent.RetentionBasis>().Select(JsonNamingPolicy.CamelCase.ConvertName)));
        Assert.That(schema.ActualProperties["status"].ActualSchema.Enumeration.Select(v => v!.ToString()), Is.EquivalentTo(Enum.GetNames<Domain.Consent.RetentionConsentStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName)));
    }

    [Test]
    public async Task The_schema_consent_basis_is_the_rules_consent_basis()
    {
        var common = await JsonSchema.FromFileAsync(Path.Combine(ContractsAgreeWithSchemas.SchemaFolder, "common.schema.json"));
        var basis = common.Definitions["involvement"].ActualProperties["sensitiveConsentBasis"].ActualSchema;
        Assert.That(basis.Enumeration.Select(v => v!.ToString()), Is.EquivalentTo(Enum.GetNames<SensitiveConsentBasis>().Select(JsonNamingPolicy.CamelCase.ConvertName)));
    }

    private static string CamelCase(FieldInfo field) => JsonNamingPolicy.CamelCase.ConvertName(field.Name);
}
