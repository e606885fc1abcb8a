using System.Globalization;
using IntegrationHub.Domain.Involvements;

namespace IntegrationHub.Domain.Rules;

/// <summary>A decision the hub takes from the calendar alone.</summary>
/// <param name="RuleId">The time-based rule that fell due.</param>
/// <param name="Outcome">End the involvement, or tell the source a new involvement is due.</param>
/// <param name="DueOn">The day the period ran out: the end date the hub records, or the day a new involvement was due.</param>
/// <param name="Message">What happened, in words for the audit trail and the source.</param>
public sealed record TimeBasedDecision(string RuleId, TimeBasedOutcome Outcome, DateOnly DueOn, string Message, GuidanceReference Section);

/// <summary>
/// The time-based ends the hub computes (youth service a year after the last attendance, early years after
/// 90 days without activity, traveller education after a year without contact unless kept open, police
/// schools officers' new involvement after a year). Pure: the scheduler passes today's date.
/// </summary>
public static class TimeBasedEnds
{
    /// <summary>
    /// The decisions due on <paramref name="today"/> for one stored involvement: its last accepted report.
    /// A rule's clock starts at its "since" date, or at the start date when the source never sent that date.
    /// An involvement that already has an end date is not ended again.
    /// </summary>
    public static IReadOnlyList<TimeBasedDecision> Evaluate(SectorDefinition definition, ReportedInvolvement involvement, DateOnly dateOfBirth, DateOnly today)
    {
        var facts = new InvolvementFacts(involvement, dateOfBirth, today);
        var decisions = new List<TimeBasedDecision>();
        foreach (var rule in definition.TimeBasedRules)
        {
            if (rule.Outcome == TimeBasedOutcome.EndInvolvement && involvement.EndDate is not null)
            {
                continue;
            }

            if (!rule.AppliesWhen.IsMetBy(facts))
            {
                continue;
            }

            var since = rule.Since.Read(facts) ?? involvement.StartDate;
            var due = rule.Period.After(since);
            if (due > today)
            {
                continue;
            }

            var message = rule.Outcome == TimeBasedOutcome.EndInvolvement
                ? string.Create(CultureInfo.InvariantCulture, $"{rule.Description}: {rule.Period} passed on {due:yyyy-MM-dd} since {rule.Since.Name} {since:yyyy-MM-dd}, so the hub ends \"{involvement.ServiceProvisionName}\" with end date {due:yyyy-MM-dd}.")
                : string.Create(CultureInfo.InvariantCulture, $"{rule.Description}: \"{involvement.ServiceProvisionName}\" started {since:yyyy-MM-dd} and {rule.Period} passed on {due:yyyy-MM-dd}; record a new involvement if the practitioner is still involved.");
            decisions.Add(new TimeBasedDecision(rule.Id, rule.Outcome, due, message, rule.Section));
        }

        return decisions;
    }
}
