using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Lifecycle;

/// <summary>A practitioner's extension of an ended involvement's retention past the standard year (002 3.41-3.44).</summary>
/// <param name="RetainUntil">The last day the involvement stays visible; at most five years after it ended.</param>
/// <param name="SetOn">The day the practitioner set the extension.</param>
/// <param name="LastConfirmedOn">The last annual confirmation; null until the first one.</param>
public sealed record RetentionExtension(DateOnly RetainUntil, DateOnly SetOn, DateOnly? LastConfirmedOn = null)
{
    /// <summary>The extension holds until this day unless confirmed again: a year after it was set or last confirmed.</summary>
    public DateOnly ConfirmedThrough => (LastConfirmedOn ?? SetOn).AddYears(1);
}

/// <summary>An ended involvement's retention: when it ended and any extension.</summary>
public sealed record InvolvementRetention(DateOnly EndedOn, RetentionExtension? Extension = null)
{
    /// <summary>The standard period: one year after the end (002 3.41).</summary>
    public DateOnly StandardUntil => EndedOn.AddYears(1);

    /// <summary>The longest a practitioner may keep it: five years after the end (002 3.41).</summary>
    public DateOnly LongestUntil => EndedOn.AddYears(5);

    /// <summary>
    /// The day the involvement leaves the live record: the standard year, or the extension as far as it is
    /// confirmed (an unconfirmed extension lapses on its confirmation day, never earlier than the standard year).
    /// </summary>
    public DateOnly VisibleUntil => Extension is null
        ? StandardUntil
        : Min(Extension.RetainUntil, Max(StandardUntil, Extension.ConfirmedThrough));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>What is due for one ended involvement.</summary>
public abstract record InvolvementRetentionAction(DateOnly DueOn, StandingRule Rule);

/// <summary>Archive the involvement (not the whole record, 002 4.76); it disappears from the live record.</summary>
public sealed record ArchiveInvolvement(DateOnly DueOn, StandingRule Rule) : InvolvementRetentionAction(DueOn, Rule);

/// <summary>
/// Ask the practitioner to confirm the extension by <paramref name="DueOn"/> (002 3.44). Due on every run until
/// confirmed: whoever sends it keys it by (involvement, DueOn) so the practitioner is asked once per year.
/// </summary>
public sealed record PromptRetentionConfirmation(DateOnly DueOn, StandingRule Rule) : InvolvementRetentionAction(DueOn, Rule);

/// <summary>The result of a practitioner asking for an extension.</summary>
public sealed record ExtensionDecision(InvolvementRetention Retention, IReadOnlyList<Violation> Violations);

/// <summary>What a source's confirmation of an extension (sent with a fragment, ADR 0012) comes to.</summary>
public enum SourceConfirmationOutcome
{
    /// <summary>The extension holds for another year from today.</summary>
    Confirmed,

    /// <summary>That year was confirmed already (a repeat, or a fragment sent again): nothing changes.</summary>
    AlreadyConfirmed,

    /// <summary>Nothing to confirm, or too late; Violation says why and the message is rejected.</summary>
    Refused,
}

public sealed record SourceConfirmationDecision(SourceConfirmationOutcome Outcome, InvolvementRetention? Retention, Violation? Violation = null);

/// <summary>Retention of ended involvements (002 3.41-3.44, 4.76, 4.80). Pure: today is passed in.</summary>
public static class InvolvementRetentionRules
{
    /// <summary>How long before the confirmation day the practitioner is asked.</summary>
    public const int PromptDaysAhead = 30;

    public static IReadOnlyList<InvolvementRetentionAction> Evaluate(InvolvementRetention retention, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var until = retention.VisibleUntil;
        if (today >= until)
        {
            var rule = retention.Extension is null ? LifecycleRules.InvolvementVisibleOneYear
                : until < retention.Extension.RetainUntil ? LifecycleRules.InvolvementExtensionConfirmedYearly
                : LifecycleRules.InvolvementExtensionAtMostFiveYears;
            return [new ArchiveInvolvement(until, rule)];
        }

        if (retention.Extension is { } extension
            && extension.ConfirmedThrough < extension.RetainUntil
            && extension.ConfirmedThrough >= retention.StandardUntil
            && today >= extension.ConfirmedThrough.AddDays(-PromptDaysAhead))
        {
            return [new PromptRetentionConfirmation(extension.ConfirmedThrough, LifecycleRules.InvolvementExtensionConfirmedYearly)];
        }

        return [];
    }

    /// <summary>The practitioner extends retention to <paramref name="retainUntil"/>; past five years is refused with a reason.</summary>
    public static ExtensionDecision Extend(InvolvementRetention retention, DateOnly retainUntil, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(retention);
        if (retainUntil > retention.LongestUntil)
        {
            var rule = LifecycleRules.InvolvementExtensionAtMostFiveYears;
            return new ExtensionDecision(retention, [new Violation(
                "lifecycle.retention.beyondFiveYears",
                "$.retention.retainUntil",
                $"An ended involvement may be kept at most five years after it ended, until {retention.LongestUntil:yyyy-MM-dd}.",
                rule.Section,
                rule.Id)]);
        }

        if (today >= retention.VisibleUntil)
        {
            var rule = LifecycleRules.InvolvementVisibleOneYear;
            return new ExtensionDecision(retention, [new Violation(
                "lifecycle.retention.alreadyArchived",
                "$.retention.retainUntil",
                $"The involvement left the live record on {retention.VisibleUntil:yyyy-MM-dd}; it can no longer be extended.",
                rule.Section,
                rule.Id)]);
        }

        return new ExtensionDecision(retention with { Extension = new RetentionExtension(retainUntil, today) }, []);
    }

    /// <summary>
    /// A source confirms, with a fragment, the extension that would lapse on <paramref name="lapsesOn"/> (the day its
    /// <c>retentionConfirmationDue</c> prompt named). Naming the day makes a fragment sent again harmless: once that year is
    /// confirmed the same day is "already confirmed", not a fresh confirmation. <paramref name="retention"/> is null for an
    /// involvement that has not ended.
    /// </summary>
    public static SourceConfirmationDecision ConfirmFromSource(InvolvementRetention? retention, DateOnly lapsesOn, DateOnly today)
    {
        const string Path = "$.involvement.retentionConfirmation.lapsesOn";
        var rule = LifecycleRules.InvolvementExtensionConfirmedYearly;
        if (retention?.Extension is not { } extension || today >= retention.VisibleUntil)
        {
            return new SourceConfirmationDecision(SourceConfirmationOutcome.Refused, retention, new Violation(
                "lifecycle.retention.nothingToConfirm",
                Path,
                "There is no extension in force to confirm for this involvement: it has not ended, was never extended, or its extension lapsed (a confirmation on or after the lapse day is too late).",
                rule.Section,
                rule.Id));
        }

        if (lapsesOn < extension.ConfirmedThrough)
        {
            return new SourceConfirmationDecision(SourceConfirmationOutcome.AlreadyConfirmed, retention);
        }

        if (lapsesOn > extension.ConfirmedThrough)
        {
            return new SourceConfirmationDecision(SourceConfirmationOutcome.Refused, retention, new Violation(
                "lifecycle.retention.unknownLapseDay",
                Path,
                $"The extension of this involvement lapses on {extension.ConfirmedThrough:yyyy-MM-dd}, not {lapsesOn:yyyy-MM-dd}: send the day named in the retentionConfirmationDue prompt.",
                rule.Section,
                rule.Id));
        }

        return new SourceConfirmationDecision(SourceConfirmationOutcome.Confirmed, Confirm(retention, today));
    }

    /// <summary>The practitioner confirms the extension is still appropriate: it holds for another year.</summary>
    public static InvolvementRetention Confirm(InvolvementRetention retention, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return retention.Extension is { } extension && today < retention.VisibleUntil
            ? retention with { Extension = extension with { LastConfirmedOn = today } }
            : retention;
    }
}
