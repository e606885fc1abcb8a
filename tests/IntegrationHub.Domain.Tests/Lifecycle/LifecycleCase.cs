using System.Globalization;
using System.Text;
using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Tests.Lifecycle;

/// <summary>
/// A row of a lifecycle table: the rule it shows, the situation in words, and what should happen, written as
/// a short phrase ("archive AdultTransition due 2009-04-20", "nothing"), so a failure reads like the guidance.
/// </summary>
public sealed record LifecycleCase(StandingRule Rule, string Situation, Func<string> Actual, string Expected)
{
    public override string ToString() => Situation;
}

internal static class LifecycleTable
{
    /// <summary>"Archive at adult transition 002 4 75 - no consent: archived on the 18th birthday".</summary>
    public static IEnumerable<TestCaseData> Named(IEnumerable<LifecycleCase> cases) =>
        cases.Select(c => new TestCaseData(c).SetName(Sanitise($"{c.Rule.Description} [{c.Rule.Section}] - {c.Situation}")));

    public static string Describe(IEnumerable<object> actions) => string.Join("; ", actions.Select(Describe)) is { Length: > 0 } text ? text : "nothing";

    private static string Describe(object action) => action switch
    {
        ArchiveRecord a => $"archive {a.Reason} due {Day(a.DueOn)}",
        PurgeRecord p => $"purge due {Day(p.DueOn)}",
        ArchiveInvolvement a => $"archive involvement due {Day(a.DueOn)}",
        PromptRetentionConfirmation p => $"prompt confirmation by {Day(p.DueOn)}",
        _ => action.ToString() ?? string.Empty,
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Dots, quotes and brackets confuse test filters and explorers; the sentence survives without them.
    private static string Sanitise(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            builder.Append(char.IsLetterOrDigit(ch) || ch is ' ' or '-' or ':' or '\'' or '+' or ',' ? ch : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
