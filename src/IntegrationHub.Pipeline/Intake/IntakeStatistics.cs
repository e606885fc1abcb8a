using IntegrationHub.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>Where the messages from one publisher ended. Every distinct message ends in exactly one of the first four.</summary>
public sealed record SourceCounts(string Source, int Applied, int Held, int Rejected, int DeadLettered, int DuplicateDeliveries)
{
    public int Messages => Applied + Held + Rejected + DeadLettered;

    /// <summary>Every delivery the broker made: each message once, plus each duplicate absorbed.</summary>
    public int Deliveries => Messages + DuplicateDeliveries;
}

public sealed class IntakeStatistics(IHubDbContextFactory databases)
{
    /// <summary>Counts per source from the outcome records themselves, so they cannot drift from what happened.</summary>
    public async Task<IReadOnlyList<SourceCounts>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var outcomes = await db.ProcessedMessages
            .GroupBy(p => new { p.SourceId, p.Outcome })
            .Select(g => new { g.Key.SourceId, g.Key.Outcome, Count = g.Count(), Extra = g.Sum(p => p.Deliveries - 1) })
            .ToListAsync(cancellationToken);
        var dead = await db.DeadLetters
            .GroupBy(d => d.SourceId ?? d.AmqpUser ?? "(unidentified)")
            .Select(g => new { Source = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var names = outcomes.Select(o => o.SourceId).Concat(dead.Select(d => d.Source)).Distinct().Order(StringComparer.Ordinal);
        return names.Select(name =>
        {
            int Count(MessageOutcome outcome) => outcomes.Where(o => o.SourceId == name && o.Outcome == outcome).Sum(o => o.Count);
            return new SourceCounts(
                name,
                Count(MessageOutcome.Applied),
                Count(MessageOutcome.Held),
                Count(MessageOutcome.Rejected),
                dead.Where(d => d.Source == name).Sum(d => d.Count),
                outcomes.Where(o => o.SourceId == name).Sum(o => o.Extra));
        }).ToList();
    }
}
