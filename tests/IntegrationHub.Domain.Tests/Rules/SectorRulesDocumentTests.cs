using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>docs/sector-rules.md is generated from the definitions; this test fails when the two differ.</summary>
[TestFixture]
public sealed class SectorRulesDocumentTests
{
    private const string RegenerateVariable = "UPDATE_SECTOR_RULES_DOC";

    [Test]
    public void The_committed_sector_rules_document_matches_the_definitions()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "sector-rules.md");
        var generated = SectorRulesDocument.Render(SectorCatalogue.Guidance40);

        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.That(File.Exists(path), Is.True, $"{path} is missing. Generate it with: {SectorRulesDocument.RegenerateHint}");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.That(committed, Is.EqualTo(generated), $"docs/sector-rules.md differs from the definitions. Regenerate it with: {SectorRulesDocument.RegenerateHint}");
    }

    [Test]
    public void The_document_shows_every_rule_id_and_case_data_term()
    {
        var document = SectorRulesDocument.Render(SectorCatalogue.Guidance40);
        var ids = SectorCatalogue.Guidance40.Definitions.SelectMany(d => d.Rules).Select(r => r.Id)
            .Concat(SectorCatalogue.Guidance40.CaseDataTerms.Select(t => t.Id));

        Assert.That(ids.Where(id => !document.Contains($"`{id}`", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>Walks up from the test assembly's folder to the one holding IntegrationHub.sln.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No IntegrationHub.sln above {TestContext.CurrentContext.TestDirectory}.");
    }
}
