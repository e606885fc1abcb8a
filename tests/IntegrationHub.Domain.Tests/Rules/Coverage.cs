using System.Text;
using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>A row of a test table: which rule it covers, and whether it shows the rule passing or failing.</summary>
public interface ICoverageCase
{
    string Covers { get; }

    bool Passes { get; }
}

/// <summary>Every rule id the hub knows, with the words used to name its test cases.</summary>
internal static class RuleBook
{
    public static IReadOnlyDictionary<string, string> Titles { get; } = Build();

    /// <summary>"Social Care: An initial assessment is started - accepts ..." so the test list reads as the guidance.</summary>
    public static string TestName(ICoverageCase c, string situation)
    {
        var rule = Titles.TryGetValue(c.Covers, out var title) ? title : c.Covers;
        return Sanitise($"{rule} - {(c.Passes ? "passes" : "fails")}: {situation}");
    }

    // Dots, quotes and brackets confuse test filters and explorers; the sentence survives without them.
    private static string Sanitise(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            builder.Append(char.IsLetterOrDigit(ch) || ch is ' ' or '-' or ':' or '\'' or '+' ? ch : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Dictionary<string, string> Build()
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in SectorCatalogue.Guidance40.Definitions)
        {
            foreach (var rule in definition.Rules)
            {
                titles[rule.Id] = $"{definition.Title}: {rule.Description}";
            }
        }

        foreach (var rule in SectorRuleEngine.GeneralRules.All.Concat(IdentityRules.All).Concat(ConsentRules.All))
        {
            titles[rule.Id] = rule.Description;
        }

        foreach (var term in SectorCatalogue.Guidance40.CaseDataTerms)
        {
            titles[term.Id] = $"Case data: a name containing {term.Term} reveals {term.Reveals}";
        }

        return titles;
    }
}
