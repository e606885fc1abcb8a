using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Lifecycle;

/// <summary>
/// The lifecycle and retention rules as data (002 3.34-3.44, 4.53-4.81; 000 2.2): docs/lifecycle.md lists them
/// and the tests name their cases after them.
/// </summary>
public static class LifecycleRules
{
    public static readonly StandingRule ArchiveAtAdultTransition = new(
        "lifecycle.archive.adultTransition",
        "A record is archived on its adult transition date: the 18th birthday, or 19/25 with consent; withdrawal of consent brings the date back",
        GuidanceReference.Statutory("4.75"));

    public static readonly StandingRule DeathShowsAtOnce = new(
        "lifecycle.death.showsAtOnce",
        "Any source may notify a death; the record shows it at once",
        GuidanceReference.Statutory("3.40"));

    public static readonly StandingRule ArchiveAYearAfterConfirmedDeath = new(
        "lifecycle.archive.deathConfirmed",
        "A record is archived one year after the death is confirmed by the registration source (Registrar General), never on a notification alone",
        GuidanceReference.Statutory("3.37"));

    public static readonly StandingRule ArchiveWhenLeftEngland = new(
        "lifecycle.archive.leftEngland",
        "A record is archived when the responsible local authority confirms the child has left England (including a move to Scotland or Wales)",
        GuidanceReference.Statutory("4.60, 4.77"));

    public static readonly StandingRule RestoreAfterReturnToEngland = new(
        "lifecycle.restore.returnedToEngland",
        "A record archived because the child left England is restored when the child returns within 6 years and before the 18th birthday",
        GuidanceReference.Statutory("4.79"));

    public static readonly StandingRule NewIdentityArchivesOldFirst = new(
        "lifecycle.newIdentity.archiveOldThenCreateUnlinked",
        "For a new identity the old record is archived first, then a new record is created; nothing links the two",
        GuidanceReference.Statutory("4.71, 4.73"));

    public static readonly StandingRule InvolvementVisibleOneYear = new(
        "lifecycle.involvement.visibleOneYear",
        "An ended involvement stays on the record for one year, then goes to the archive",
        GuidanceReference.Statutory("3.41, 4.76"));

    public static readonly StandingRule InvolvementExtensionAtMostFiveYears = new(
        "lifecycle.involvement.extensionAtMostFiveYears",
        "The practitioner may extend the retention of an ended involvement up to five years after it ended",
        GuidanceReference.Statutory("3.41, 3.42"));

    public static readonly StandingRule InvolvementExtensionConfirmedYearly = new(
        "lifecycle.involvement.extensionConfirmedYearly",
        "An extension past the standard year is confirmed annually; the hub prompts, and an unconfirmed extension lapses",
        GuidanceReference.Statutory("3.44"));

    public static readonly StandingRule PurgeAfterSixYears = new(
        "lifecycle.archive.purgeAfterSixYears",
        "The archive keeps a record for six years from the day it was archived, then deletes it for good",
        GuidanceReference.Statutory("4.74"));

    public static readonly StandingRule InvestigationHoldDefersPurge = new(
        "lifecycle.archive.investigationHold",
        "An ongoing or planned investigation extends the archive retention; once the hold is lifted the purge proceeds",
        GuidanceReference.Statutory("4.74, 4.81"));

    public static readonly StandingRule CompartmentByOrdinaryResidence = new(
        "lifecycle.compartment.ordinaryResidence",
        "A record belongs to one local authority: where the child is ordinarily resident, or the authority with an existing responsibility for services (looked-after children: the council with social services responsibility)",
        GuidanceReference.Statutory("4.53, 4.56"));

    public static readonly StandingRule UniversalOnlyMovesAutomatically = new(
        "lifecycle.compartment.universalMovesAutomatically",
        "When the child moves, a record with only universal services moves to the new authority automatically",
        GuidanceReference.Statutory("4.54, 4.59"));

    public static readonly StandingRule SpecialistNeedsBothAuthorities = new(
        "lifecycle.compartment.specialistNeedsBothAuthorities",
        "A record with specialist or targeted services moves only when both authorities accept the proposed transfer",
        GuidanceReference.Statutory("4.54, 4.55, 4.58"));

    public static readonly StandingRule ShieldedUntilAllWithdraw = new(
        "lifecycle.shielding.untilAllWithdraw",
        "A record is shielded as soon as any source asks, and unshielded only when every source that asked no longer does",
        GuidanceReference.Statutory("4.64, 4.66, 4.69"));

    public static readonly StandingRule StopNoticeToEverySource = new(
        "lifecycle.stopNotice.everySource",
        "When a record is archived every source that sent fragments about the child is told to stop, with no reason given",
        GuidanceReference.Involvement("2.2"));

    public static readonly StandingRule StopNoticeRepeated = new(
        "lifecycle.stopNotice.repeated",
        "A fragment about an archived child is not applied and the source is told again to stop",
        GuidanceReference.Involvement("2.2"));

    public static readonly StandingRule ResumeOnRestore = new(
        "lifecycle.stopNotice.resumeOnRestore",
        "When a record is restored the sources told to stop are told to resume",
        GuidanceReference.Statutory("4.62"));

    public static IReadOnlyList<StandingRule> All { get; } =
    [
        ArchiveAtAdultTransition,
        DeathShowsAtOnce,
        ArchiveAYearAfterConfirmedDeath,
        ArchiveWhenLeftEngland,
        RestoreAfterReturnToEngland,
        NewIdentityArchivesOldFirst,
        InvolvementVisibleOneYear,
        InvolvementExtensionAtMostFiveYears,
        InvolvementExtensionConfirmedYearly,
        PurgeAfterSixYears,
        InvestigationHoldDefersPurge,
        CompartmentByOrdinaryResidence,
        UniversalOnlyMovesAutomatically,
        SpecialistNeedsBothAuthorities,
        ShieldedUntilAllWithdraw,
        StopNoticeToEverySource,
        StopNoticeRepeated,
        ResumeOnRestore,
    ];
}
