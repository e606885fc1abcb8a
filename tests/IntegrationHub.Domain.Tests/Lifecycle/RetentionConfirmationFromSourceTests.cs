using IntegrationHub.Domain.Lifecycle;
using static IntegrationHub.Domain.Lifecycle.LifecycleRules;

namespace IntegrationHub.Domain.Tests.Lifecycle;

/// <summary>
/// A source confirms a retention extension with a fragment naming the lapse day of its prompt (002 3.42, 3.44; ADR 0012):
/// <see cref="InvolvementRetentionRules.ConfirmFromSource"/>.
/// </summary>
[TestFixture]
public sealed class RetentionConfirmationFromSourceTests
{
    private static readonly DateOnly Ended = new(2020, 3, 1);
    private static readonly DateOnly SetOn = Ended.AddDays(1);

    /// <summary>Extended on 2020-03-02 to three years after the end: the first lapse day is 2021-03-02.</summary>
    private static readonly InvolvementRetention Extended = InvolvementRetentionRules.Extend(new InvolvementRetention(Ended), Ended.AddYears(3), SetOn).Retention;

    private static readonly DateOnly FirstLapse = SetOn.AddYears(1);

    private static string From(InvolvementRetention? retention, DateOnly lapsesOn, DateOnly today)
    {
        var decision = InvolvementRetentionRules.ConfirmFromSource(retention, lapsesOn, today);
        return decision.Outcome switch
        {
            SourceConfirmationOutcome.Refused => $"refused {decision.Violation!.Code}",
            SourceConfirmationOutcome.Confirmed => $"confirmed, visible until {LifecycleTable.Day(decision.Retention!.VisibleUntil)}",
            _ => $"already confirmed, visible until {LifecycleTable.Day(decision.Retention!.VisibleUntil)}",
        };
    }

    public static IEnumerable<LifecycleCase> Cases
    {
        get
        {
            yield return new(InvolvementExtensionConfirmedYearly, "the prompt's lapse day, before it: another year from today",
                () => From(Extended, FirstLapse, FirstLapse.AddDays(-10)), "confirmed, visible until 2022-02-20");
            yield return new(InvolvementExtensionConfirmedYearly, "the same confirmation sent again after it took effect: nothing changes",
                () => From(InvolvementRetentionRules.ConfirmFromSource(Extended, FirstLapse, FirstLapse.AddDays(-10)).Retention, FirstLapse, FirstLapse.AddDays(-3)),
                "already confirmed, visible until 2022-02-20");
            yield return new(InvolvementExtensionConfirmedYearly, "on the lapse day: too late",
                () => From(Extended, FirstLapse, FirstLapse), "refused lifecycle.retention.nothingToConfirm");
            yield return new(InvolvementExtensionConfirmedYearly, "a lapse day the hub never named",
                () => From(Extended, FirstLapse.AddDays(1), FirstLapse.AddDays(-10)), "refused lifecycle.retention.unknownLapseDay");
            yield return new(InvolvementExtensionConfirmedYearly, "never extended: nothing to confirm",
                () => From(new InvolvementRetention(Ended), Ended.AddYears(1), Ended.AddMonths(11)), "refused lifecycle.retention.nothingToConfirm");
            yield return new(InvolvementExtensionConfirmedYearly, "not ended: nothing to confirm",
                () => From(null, FirstLapse, FirstLapse.AddDays(-10)), "refused lifecycle.retention.nothingToConfirm");
            yield return new(InvolvementExtensionAtMostFiveYears, "confirming never keeps it past the day the practitioner asked for",
                () =>
                {
                    // Confirmed in the first and second years; the third year's confirmation runs past 2023-03-01.
                    var r = InvolvementRetentionRules.Confirm(InvolvementRetentionRules.Confirm(Extended, new DateOnly(2021, 2, 20)), new DateOnly(2022, 2, 10));
                    return From(r, new DateOnly(2023, 2, 10), new DateOnly(2023, 2, 1));
                },
                "confirmed, visible until 2023-03-01");
        }
    }

    public static IEnumerable<TestCaseData> Table() => LifecycleTable.Named(Cases);

    [TestCaseSource(nameof(Table))]
    public void Confirmation(LifecycleCase c) => Assert.That(c.Actual(), Is.EqualTo(c.Expected), c.Situation);
}
