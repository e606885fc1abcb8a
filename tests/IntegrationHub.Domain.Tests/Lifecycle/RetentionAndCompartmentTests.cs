using IntegrationHub.Domain.Lifecycle;
using static IntegrationHub.Domain.Lifecycle.LifecycleRules;

namespace IntegrationHub.Domain.Tests.Lifecycle;

/// <summary>Involvement retention (002 3.41-3.44, 4.76), compartments (4.53-4.59), shielding (4.63-4.69), new identities (4.70-4.73), stop notices (000 2.2).</summary>
[TestFixture]
public sealed class RetentionAndCompartmentTests
{
    private static readonly DateOnly Ended = new(2020, 3, 1);
    private static readonly InvolvementRetention Standard = new(Ended);

    private static string Due(InvolvementRetention retention, DateOnly today) => LifecycleTable.Describe(InvolvementRetentionRules.Evaluate(retention, today));

    private static InvolvementRetention Extended(int years) => InvolvementRetentionRules.Extend(Standard, Ended.AddYears(years), Ended.AddDays(1)).Retention;

    public static IEnumerable<LifecycleCase> RetentionCases
    {
        get
        {
            yield return new(InvolvementVisibleOneYear, "ended involvement: visible the day before a year", () => Due(Standard, Ended.AddYears(1).AddDays(-1)), "nothing");
            yield return new(InvolvementVisibleOneYear, "ended involvement: archived one year after the end", () => Due(Standard, Ended.AddYears(1)), "archive involvement due 2021-03-01");
            yield return new(InvolvementExtensionAtMostFiveYears, "an extension to five years is accepted", () => $"{InvolvementRetentionRules.Extend(Standard, Ended.AddYears(5), Ended).Violations.Count}", "0");
            yield return new(InvolvementExtensionAtMostFiveYears, "an extension past five years is refused with a reason",
                () => string.Join(",", InvolvementRetentionRules.Extend(Standard, Ended.AddYears(5).AddDays(1), Ended).Violations.Select(v => v.Code)), "lifecycle.retention.beyondFiveYears");
            yield return new(InvolvementExtensionAtMostFiveYears, "an extension cannot revive an involvement already archived",
                () => string.Join(",", InvolvementRetentionRules.Extend(Standard, Ended.AddYears(3), Ended.AddYears(1)).Violations.Select(v => v.Code)), "lifecycle.retention.alreadyArchived");
            yield return new(InvolvementExtensionConfirmedYearly, "extended: the practitioner is prompted a month before the year is up", () => Due(Extended(3), Ended.AddYears(1).AddDays(-29)), "prompt confirmation by 2021-03-02");
            yield return new(InvolvementExtensionConfirmedYearly, "extended but never confirmed: lapses on the confirmation day", () => Due(Extended(3), Ended.AddYears(1).AddDays(1)), "archive involvement due 2021-03-02");
            yield return new(InvolvementExtensionConfirmedYearly, "extended and confirmed each year: kept until the extension ends",
                () =>
                {
                    // Each confirmation answers the prompt before the year is up.
                    var r = InvolvementRetentionRules.Confirm(Extended(3), Ended.AddYears(1).AddDays(-10));
                    r = InvolvementRetentionRules.Confirm(r, Ended.AddYears(2).AddDays(-15));
                    r = InvolvementRetentionRules.Confirm(r, Ended.AddYears(3).AddDays(-20));
                    return $"{Due(r, Ended.AddYears(3).AddDays(-1))} / {Due(r, Ended.AddYears(3))}";
                },
                "nothing / archive involvement due 2023-03-01");
            yield return new(InvolvementExtensionConfirmedYearly, "a confirmation on the day it lapses comes too late",
                () => Due(InvolvementRetentionRules.Confirm(Extended(3), Ended.AddYears(1).AddDays(1)), Ended.AddYears(1).AddDays(1)), "archive involvement due 2021-03-02");
            yield return new(InvolvementExtensionConfirmedYearly, "confirmed once, not the second year: lapses a year after the confirmation",
                () => Due(InvolvementRetentionRules.Confirm(Extended(4), Ended.AddYears(1)), Ended.AddYears(2)), "archive involvement due 2022-03-01");
            yield return new(InvolvementExtensionAtMostFiveYears, "an extension within the standard year needs no prompt and ends on its day",
                () => $"{Due(InvolvementRetentionRules.Extend(Standard, Ended.AddMonths(6), Ended).Retention, Ended.AddMonths(5))} / {Due(InvolvementRetentionRules.Extend(Standard, Ended.AddMonths(6), Ended).Retention, Ended.AddMonths(6))}",
                "nothing / archive involvement due 2020-09-01");
        }
    }

    public static IEnumerable<TestCaseData> RetentionTable() => LifecycleTable.Named(RetentionCases);

    [TestCaseSource(nameof(RetentionTable))]
    public void Retention(LifecycleCase c) => Assert.That(c.Actual(), Is.EqualTo(c.Expected), c.Situation);

    private static string Move(string current, Residence residence, bool specialist)
    {
        var t = Compartments.OnMove(current, residence, specialist);
        return $"{t.Kind} -> {t.ResponsibleAuthority}";
    }

    public static IEnumerable<LifecycleCase> CompartmentCases
    {
        get
        {
            yield return new(CompartmentByOrdinaryResidence, "assigned where the child is ordinarily resident", () => Compartments.ResponsibleAuthority(new Residence("Salford")), "Salford");
            yield return new(CompartmentByOrdinaryResidence, "a looked-after child: the council with social services responsibility", () => Compartments.ResponsibleAuthority(new Residence("Wigan", ResponsibleForServices: "Salford")), "Salford");
            yield return new(CompartmentByOrdinaryResidence, "a move within the same authority changes nothing", () => Move("Salford", new Residence("Salford"), specialist: true), "None -> Salford");
            yield return new(CompartmentByOrdinaryResidence, "a looked-after child placed elsewhere stays with the responsible council", () => Move("Salford", new Residence("Wigan", "Salford"), specialist: true), "None -> Salford");
            yield return new(UniversalOnlyMovesAutomatically, "only universal services: the record moves at once", () => Move("Salford", new Residence("Wigan"), specialist: false), "Automatic -> Wigan");
            yield return new(SpecialistNeedsBothAuthorities, "specialist services: proposed, still with the old authority", () => Move("Salford", new Residence("Wigan"), specialist: true), "Proposed -> Salford");
            yield return new(SpecialistNeedsBothAuthorities, "specialist services: one authority accepting is not enough",
                () => Compartments.Accept(Compartments.OnMove("Salford", new Residence("Wigan"), true), "Wigan").ResponsibleAuthority, "Salford");
            yield return new(SpecialistNeedsBothAuthorities, "specialist services: moves when both authorities accept",
                () => Compartments.Accept(Compartments.Accept(Compartments.OnMove("Salford", new Residence("Wigan"), true), "Wigan"), "Salford").ResponsibleAuthority, "Wigan");
            yield return new(SpecialistNeedsBothAuthorities, "a third authority's acceptance counts for nothing",
                () => Compartments.Accept(Compartments.Accept(Compartments.OnMove("Salford", new Residence("Wigan"), true), "Wigan"), "Bolton").ResponsibleAuthority, "Salford");
            yield return new(SpecialistNeedsBothAuthorities, "authority names are compared ignoring case, as accounts name them",
                () => Compartments.Accept(Compartments.Accept(Compartments.OnMove("Salford", new Residence("Wigan"), true), "WIGAN"), "salford").ResponsibleAuthority, "Wigan");
            yield return new(CompartmentByOrdinaryResidence, "a move to the same authority in other letters changes nothing", () => Move("Salford", new Residence("SALFORD"), specialist: false), "None -> Salford");
            yield return new(UniversalOnlyMovesAutomatically, "an automatic move needs no acceptance at all",
                () => Compartments.Accept(Compartments.OnMove("Salford", new Residence("Wigan"), false), "Bolton").ResponsibleAuthority, "Wigan");
            yield return new(SpecialistNeedsBothAuthorities, "an authority's own proposal (4.58) counts as its acceptance; the other must still agree",
                () => Describe(Compartments.Propose("Salford", "Wigan", proposedBy: "Salford")), "Proposed from=True to=False -> Salford");
            yield return new(SpecialistNeedsBothAuthorities, "a proposal to pull a record (4.59) counts for the receiving authority",
                () => Describe(Compartments.Propose("Salford", "Wigan", proposedBy: "Wigan")), "Proposed from=False to=True -> Salford");
            yield return new(SpecialistNeedsBothAuthorities, "a proposal is needed even with only universal services; a national-team proposal accepts nothing",
                () => Describe(Compartments.Propose("Salford", "Wigan", proposedBy: null)), "Proposed from=False to=False -> Salford");
            yield return new(SpecialistNeedsBothAuthorities, "a third authority's proposal accepts for neither",
                () => Describe(Compartments.Propose("Salford", "Wigan", proposedBy: "Bolton")), "Proposed from=False to=False -> Salford");
        }
    }

    private static string Describe(CompartmentTransfer t) => $"{t.Kind} from={t.AcceptedByFrom} to={t.AcceptedByTo} -> {t.ResponsibleAuthority}";

    private static readonly Dictionary<string, string> Districts = new(StringComparer.Ordinal) { ["M6"] = "Salford", ["m"] = "Manchester", ["WN"] = "Wigan", ["BD 1"] = "Bradford" };

    /// <summary>Ordinary residence from the best view's postcode, by a configured district/area map (no national directory).</summary>
    public static IEnumerable<LifecycleCase> PostcodeCases
    {
        get
        {
            (string? Postcode, string Expected, string Situation)[] rows =
            [
                ("M6 5HP", "Salford", "the district's entry wins over the area's"),
                ("M1 1AE", "Manchester", "a district without an entry falls back to its area"),
                ("wn1 1xx", "Wigan", "lower case and the area's letters"),
                ("BD11AA", "Bradford", "no space in the postcode, a space in the key"),
                ("LS1 4DY", "(none)", "an area not in the map: unknown"),
                ("M6", "(none)", "an outward code alone is not a postcode"),
                ("not a postcode", "(none)", "malformed"),
                (null, "(none)", "no postcode"),
            ];
            foreach (var (postcode, expected, situation) in rows)
            {
                yield return new(CompartmentByOrdinaryResidence, $"postcode {postcode ?? "none"}: {situation}", () => Compartments.AuthorityForPostcode(postcode, Districts) ?? "(none)", expected);
            }
        }
    }

    public static IEnumerable<TestCaseData> CompartmentTable() => LifecycleTable.Named(CompartmentCases.Concat(PostcodeCases));

    [TestCaseSource(nameof(CompartmentTable))]
    public void Compartment(LifecycleCase c) => Assert.That(c.Actual(), Is.EqualTo(c.Expected), c.Situation);

    public static IEnumerable<LifecycleCase> ShieldingAndNoticeCases
    {
        get
        {
            var both = Shielding.None.Request("police").Request("social-care");
            yield return new(ShieldedUntilAllWithdraw, "one source asks: shielded at once", () => $"{Shielding.None.Request("police").IsShielded}", "True");
            yield return new(ShieldedUntilAllWithdraw, "two asked, one withdraws: still shielded", () => $"{both.Withdraw("police").IsShielded}", "True");
            yield return new(ShieldedUntilAllWithdraw, "two asked, both withdraw: unshielded", () => $"{both.Withdraw("police").Withdraw("social-care").IsShielded}", "False");
            yield return new(ShieldedUntilAllWithdraw, "a source that never asked cannot unshield", () => $"{Shielding.None.Request("police").Withdraw("education").IsShielded}", "True");

            FragmentOrigin[] fragments = [new("police", "P-1"), new("education", "E-9"), new("police", "P-1"), new("police", "P-2")];
            yield return new(StopNoticeToEverySource, "archived: every source that sent a fragment is told to stop, once each, with no reason",
                () => string.Join(", ", StopNotices.OnArchive(fragments).Select(n => $"{n.Kind} {n.SourceId}/{n.SourceChildId}")),
                "Stop education/E-9, Stop police/P-1, Stop police/P-2");
            yield return new(StopNoticeToEverySource, "a stop notice carries only the source, its child and the kind",
                () => string.Join(",", typeof(StopNotice).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)), "Kind,SourceChildId,SourceId");
            yield return new(StopNoticeRepeated, "a fragment about an archived child is rejected and the stop notice repeated",
                () => StopNotices.OnFragment(RecordStage.Archived, new("police", "P-1")) is { Apply: false, Notice: { Kind: StopNoticeKind.Stop } n } ? $"rejected, {n.SourceId}/{n.SourceChildId}" : "applied", "rejected, police/P-1");
            yield return new(StopNoticeRepeated, "a fragment about a live child is applied and no notice sent",
                () => $"{StopNotices.OnFragment(RecordStage.Live, new("police", "P-1"))}", "ArchivedChildFragmentDecision { Apply = True, Notice =  }");
            yield return new(ResumeOnRestore, "restored: the sources are told to resume",
                () => string.Join(", ", StopNotices.OnRestore(fragments).Select(n => $"{n.Kind} {n.SourceId}/{n.SourceChildId}")),
                "Resume education/E-9, Resume police/P-1, Resume police/P-2");

            var decision = NewIdentity.Decide(new ChildLifecycle { DateOfBirth = new DateOnly(2012, 5, 5) }, new DateOnly(2012, 5, 6), new DateOnly(2020, 1, 1));
            yield return new(NewIdentityArchivesOldFirst, "the old record is archived first, then the new one is created",
                () => string.Join(", ", decision.Steps), "ArchiveOldRecord, CreateUnlinkedNewRecord");
            yield return new(NewIdentityArchivesOldFirst, "the old record ends archived for a new identity",
                () => $"{decision.ArchivedOldRecord.Stage} {decision.ArchivedOldRecord.Archive!.Reason}", "Archived NewIdentity");
            yield return new(NewIdentityArchivesOldFirst, "the new record starts live with nothing of the old",
                () => $"{decision.NewRecord == new ChildLifecycle { DateOfBirth = new DateOnly(2012, 5, 6) }}", "True");
        }
    }

    public static IEnumerable<TestCaseData> ShieldingAndNoticeTable() => LifecycleTable.Named(ShieldingAndNoticeCases);

    [TestCaseSource(nameof(ShieldingAndNoticeTable))]
    public void ShieldingStopNoticesAndNewIdentity(LifecycleCase c) => Assert.That(c.Actual(), Is.EqualTo(c.Expected), c.Situation);

    [Test]
    public void Every_lifecycle_rule_has_a_case()
    {
        var covered = ChildLifecycleTests.Cases.Concat(ChildLifecycleTests.RestoreCases).Concat(RetentionCases).Concat(CompartmentCases).Concat(ShieldingAndNoticeCases)
            .Select(c => c.Rule.Id).ToHashSet(StringComparer.Ordinal);
        Assert.That(LifecycleRules.All.Select(r => r.Id).Where(id => !covered.Contains(id)), Is.Empty);
    }
}
