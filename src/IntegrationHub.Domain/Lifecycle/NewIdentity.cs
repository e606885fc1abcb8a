namespace IntegrationHub.Domain.Lifecycle;

/// <summary>The steps of a new identity, in the only order allowed (002 4.71, 4.73).</summary>
public enum NewIdentityStep
{
    /// <summary>Move the old identity's record to the archive (and send its stop notices).</summary>
    ArchiveOldRecord,

    /// <summary>Create a new record for the new identity, with no reference to the old one.</summary>
    CreateUnlinkedNewRecord,
}

/// <summary>
/// What a new identity means for the hub: the old record archived first, then a new one created from the new
/// identity's data alone. <see cref="NewRecord"/> is built from nothing of the old state, and the decision
/// carries no identifier of either record, so no caller can write a link between them; matching must not link
/// them either (the old record is archived, so it is no longer a candidate).
/// </summary>
public sealed record NewIdentityDecision(
    IReadOnlyList<NewIdentityStep> Steps,
    ChildLifecycle ArchivedOldRecord,
    ChildLifecycle NewRecord);

public static class NewIdentity
{
    /// <summary>Decides a new identity for the record <paramref name="old"/>, whose new date of birth may differ.</summary>
    public static NewIdentityDecision Decide(ChildLifecycle old, DateOnly newDateOfBirth, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(old);
        var archived = old.Stage == RecordStage.Live
            ? ChildLifecycle.Apply(old, new ArchiveRecord(ArchiveReason.NewIdentity, today, LifecycleRules.NewIdentityArchivesOldFirst), today)
            : old;
        return new NewIdentityDecision(
            [NewIdentityStep.ArchiveOldRecord, NewIdentityStep.CreateUnlinkedNewRecord],
            archived,
            new ChildLifecycle { DateOfBirth = newDateOfBirth });
    }
}
