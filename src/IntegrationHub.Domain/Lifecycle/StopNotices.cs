namespace IntegrationHub.Domain.Lifecycle;

/// <summary>One source's fragment about the child: who to tell, and which of its children.</summary>
public sealed record FragmentOrigin(string SourceId, string SourceChildId);

public enum StopNoticeKind
{
    /// <summary>Stop sending data about this child (000 2.2 items 2, 3, 12).</summary>
    Stop,

    /// <summary>The record was restored: send data about this child again.</summary>
    Resume,
}

/// <summary>
/// A stop or resume notice to one source about one of its children. It deliberately has no reason: the
/// source must not learn why (death, new identity, moving away, shielding are not its business, 002 4.71).
/// </summary>
public sealed record StopNotice(string SourceId, string SourceChildId, StopNoticeKind Kind);

/// <summary>What the hub does with a fragment about a child whose record is not live.</summary>
/// <param name="Apply">False: the fragment is rejected and not applied.</param>
/// <param name="Notice">The notice to send (again); null when the record is live.</param>
public sealed record ArchivedChildFragmentDecision(bool Apply, StopNotice? Notice);

/// <summary>Stop notices (000 2.2; 002 4.62). Pure: the caller sends them through the reply path.</summary>
public static class StopNotices
{
    /// <summary>A record was archived: every source that sent fragments about the child, once each, is told to stop.</summary>
    public static IReadOnlyList<StopNotice> OnArchive(IEnumerable<FragmentOrigin> fragments) => Distinct(fragments, StopNoticeKind.Stop);

    /// <summary>A fragment arrived about a child whose record is archived (or purged): rejected, and the stop notice repeated.</summary>
    public static ArchivedChildFragmentDecision OnFragment(RecordStage stage, FragmentOrigin fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        return stage == RecordStage.Live
            ? new ArchivedChildFragmentDecision(true, null)
            : new ArchivedChildFragmentDecision(false, new StopNotice(fragment.SourceId, fragment.SourceChildId, StopNoticeKind.Stop));
    }

    /// <summary>A record was restored: every source that was told to stop is told to resume.</summary>
    public static IReadOnlyList<StopNotice> OnRestore(IEnumerable<FragmentOrigin> fragments) => Distinct(fragments, StopNoticeKind.Resume);

    private static IReadOnlyList<StopNotice> Distinct(IEnumerable<FragmentOrigin> fragments, StopNoticeKind kind) =>
        fragments
            .Distinct()
            .OrderBy(f => f.SourceId, StringComparer.Ordinal)
            .ThenBy(f => f.SourceChildId, StringComparer.Ordinal)
            .Select(f => new StopNotice(f.SourceId, f.SourceChildId, kind))
            .ToList();
}
