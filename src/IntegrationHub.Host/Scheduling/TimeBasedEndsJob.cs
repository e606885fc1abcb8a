using System.Globalization;
using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

using IntegrationHub.Pipeline.Intake;

namespace IntegrationHub.Host.Scheduling;

/// <summary>
/// The nightly time-based ends (000 4.2.4 youth service a year after the last attendance; early years after 90
/// days without activity; traveller education after a year without contact): every open involvement of a
/// sector with such a rule is evaluated by <see cref="TimeBasedEnds.Evaluate"/> as of today, and one that is
/// due is ended with the due date as its end date and an audit entry, in one transaction per page.
/// </summary>
/// <remarks>
/// Idempotent: an ended involvement is not evaluated again, so a second run (or a run after a crash mid-way,
/// whose uncommitted page rolled back) changes nothing more. A missed night is caught up: the question is
/// "what is due as of today", and the end date recorded is the day it fell due, not the day of the run.
/// Concurrent intake writes to the same child are kept apart by the fragment's concurrency token; a page that
/// loses is retried, and anything left is picked up the next night.
/// </remarks>
public sealed class TimeBasedEndsRunner(IHubDbContextFactory databases, HubCalendar calendar, IOptions<ScheduleOptions> options, ILogger<TimeBasedEndsRunner> logger)
{
    private const int Attempts = 3;

    /// <summary>The sector ids (as stored) that have a time-based end.</summary>
    private static readonly string[] Sectors = SectorCatalogue.Guidance40.Definitions
        .Where(d => d.TimeBasedRules.Any(r => r.Outcome == TimeBasedOutcome.EndInvolvement))
        .Select(d => d.Id)
        .ToArray();

    /// <returns>How many involvements the hub ended.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var ended = 0;
        Guid? after = null;
        while (true)
        {
            var page = await PageAsync(after, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    ended += await EndDueAsync(page, today, cancellationToken);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < Attempts)
                {
                    logger.LogDebug("Time-based ends: a page met a concurrent intake write; retrying ({Attempt}).", attempt);
                }
            }

            after = page[^1];
        }

        logger.LogInformation("Time-based ends as of {Today}: {Ended} involvements ended by the hub.", today, ended);
        return ended;
    }

    /// <summary>The ids of the next page of open involvements in a sector with a time-based end.</summary>
    private async Task<List<Guid>> PageAsync(Guid? after, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var open = db.Involvements.AsNoTracking().Where(i => i.EndDate == null && i.ArchivedAt == null && Sectors.Contains(i.Sector));
        if (after is { } last)
        {
            open = open.Where(i => i.Id.CompareTo(last) > 0);
        }

        return await open.OrderBy(i => i.Id).Select(i => i.Id).Take(options.Value.PageSize).ToListAsync(cancellationToken);
    }

    private async Task<int> EndDueAsync(IReadOnlyList<Guid> ids, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var involvements = await db.Involvements.Where(i => ids.Contains(i.Id) && i.EndDate == null && i.ArchivedAt == null).ToListAsync(cancellationToken);
        var fragmentIds = involvements.Select(i => i.ChildFragmentId).Distinct().ToList();
        var fragments = await db.ChildFragments.Where(f => fragmentIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);

        var now = calendar.Now;
        var audit = new List<AuditEntry>();
        var touched = new HashSet<Guid>();
        foreach (var involvement in involvements)
        {
            var fragment = fragments[involvement.ChildFragmentId];
            if (SectorCatalogue.Guidance40.Find(involvement.Sector) is not { } definition)
            {
                continue;
            }

            var decision = TimeBasedEnds.Evaluate(definition, Reported(involvement), fragment.DateOfBirth, today)
                .Where(d => d.Outcome == TimeBasedOutcome.EndInvolvement)
                .OrderBy(d => d.DueOn)
                .FirstOrDefault();
            if (decision is null)
            {
                continue;
            }

            involvement.EndDate = decision.DueOn;
            involvement.UpdatedAt = now;
            if (touched.Add(fragment.Id))
            {
                // The same token the intake uses: a concurrent intake batch on this child conflicts and retries.
                fragment.Version++;
            }

            var detail = string.Create(CultureInfo.InvariantCulture, $"{decision.RuleId} [{decision.Section}] child {fragment.SourceChildId}: {decision.Message}");
            audit.Add(new AuditEntry
            {
                At = now,
                Actor = "hub",
                Action = "involvement.endedByHub",
                SourceId = fragment.SourceId,
                Outcome = "ended",
                Detail = detail.Length > 4000 ? detail[..4000] : detail,
            });
        }

        if (audit.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return audit.Count;
    }

    private ReportedInvolvement Reported(InvolvementRecord involvement) => new()
    {
        Sector = involvement.Sector,
        Action = InvolvementAction.Update,
        ServiceProvisionName = involvement.ServiceProvisionName,
        StartDate = involvement.StartDate,
        EndDate = involvement.EndDate,
        ServiceType = string.Equals(involvement.ServiceType, "universal", StringComparison.Ordinal) ? ServiceType.Universal : ServiceType.SpecialistAndTargeted,
        Sensitive = involvement.Sensitive,
        // The facts the intake kept for exactly this (last attendance, last activity, ...; ADR 0005).
        Evidence = IntakeRules.ReadTimeBasedEvidence(involvement.TimeBasedEvidenceJson),
    };
}

/// <summary>The Quartz job around <see cref="TimeBasedEndsRunner"/>: one run at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class TimeBasedEndsJob(TimeBasedEndsRunner runner) : IJob
{
    public static readonly JobKey Key = new("time-based-ends", "lifecycle");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await runner.RunAsync(cancellationToken);
}
