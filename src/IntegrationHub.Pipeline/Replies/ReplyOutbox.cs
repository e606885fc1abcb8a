using System.ComponentModel.DataAnnotations;
using System.Text;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Replies;
using IntegrationHub.Pipeline.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Replies;

/// <summary>Section "Replies": the reply outbox (ADR 0012).</summary>
public sealed class ReplyOutboxOptions
{
    public const string Section = "Replies";

    /// <summary>How often the sweep looks for replies written but not sent.</summary>
    [Range(1, 3600)]
    public int OutboxSweepSeconds { get; set; } = 30;

    /// <summary>
    /// A reply is re-sent only once it has been unsent this long, so the sweep does not race the send right after the
    /// commit; also how long a sweeper's claim on a row stands.
    /// </summary>
    [Range(0, 3600)]
    public int OutboxGraceSeconds { get; set; } = 60;

    /// <summary>Sent rows are deleted after this many days (they hold the source's own child ids, nothing more).</summary>
    [Range(1, 365)]
    public int KeepSentDays { get; set; } = 7;
}

/// <summary>
/// The reply outbox (ADR 0012): a reply that must not be lost (stop and resume notices, retention confirmation prompts)
/// is written with <see cref="Enqueue"/> in the transaction of the decision that causes it and sent after the commit by
/// <see cref="ReplySender.SendRepliesAsync"/>, which marks it sent; <see cref="SweepAsync"/> re-sends whatever is still
/// unsent after the grace period (a crash, or the broker away, between the commit and the send). At least once: the
/// body is stored as first serialized, so a re-send has the same notificationId.
/// </summary>
public sealed class ReplyOutbox(IHubDbContextFactory databases, IServiceScopeFactory scopes, IOptions<ReplyOutboxOptions> options, TimeProvider clock, ILogger<ReplyOutbox> logger)
{
    private const int Page = 200;

    /// <summary>Adds <paramref name="reply"/> to the outbox in <paramref name="db"/>'s next save; returns it with its outbox id, to send after the commit.</summary>
    public static OutgoingReply Enqueue(HubDbContext db, OutgoingReply reply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reply);
        var row = new OutboxReply { SourceId = reply.SourceId, MessageType = reply.MessageType, Body = Encoding.UTF8.GetString(reply.Body), CreatedAt = now };
        db.Set<OutboxReply>().Add(row);
        return reply with { OutboxId = row.Id };
    }

    /// <summary>Marks the outbox rows of replies the broker accepted as sent.</summary>
    public static async Task MarkSentAsync(IHubDbContextFactory databases, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        if (ids.Count == 0)
        {
            return;
        }

        var list = ids.ToList();
        await using var db = databases.Create();
        await db.Set<OutboxReply>().Where(x => list.Contains(x.Id) && x.SentAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.SentAt, now), cancellationToken);
    }

    /// <summary>
    /// One pass: claims the unsent rows older than the grace period (a row another sweeper holds is left to it), sends
    /// them, oldest first, and deletes sent rows past <see cref="ReplyOutboxOptions.KeepSentDays"/>.
    /// </summary>
    /// <returns>How many replies were sent again.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var olderThan = now.AddSeconds(-options.Value.OutboxGraceSeconds);
            var token = Guid.NewGuid();
            List<OutboxReply> claimed;
            await using (var db = databases.Create())
            {
                var ids = await db.Set<OutboxReply>().AsNoTracking()
                    .Where(x => x.SentAt == null && x.CreatedAt <= olderThan && (x.ClaimedUntil == null || x.ClaimedUntil < now))
                    .OrderBy(x => x.CreatedAt).Select(x => x.Id).Take(Page).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                var until = now.AddSeconds(Math.Max(options.Value.OutboxGraceSeconds, 10));
                // The claim is the guard between sweepers (hub instances): whoever's update takes the row sends it.
                await db.Set<OutboxReply>()
                    .Where(x => ids.Contains(x.Id) && x.SentAt == null && (x.ClaimedUntil == null || x.ClaimedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimToken, token).SetProperty(x => x.ClaimedUntil, until).SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
                claimed = (await db.Set<OutboxReply>().AsNoTracking().Where(x => x.ClaimToken == token && x.SentAt == null).ToListAsync(cancellationToken))
                    .OrderBy(x => x.CreatedAt).ToList();
            }

            if (claimed.Count > 0)
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReplySender>().SendRepliesAsync(
                    claimed.Select(x => new OutgoingReply(x.SourceId, x.MessageType, Encoding.UTF8.GetBytes(x.Body), x.Id)), cancellationToken);
                sent += claimed.Count;
                logger.LogInformation("Reply outbox: {Count} replies written but not sent after the commit were sent now.", claimed.Count);
            }

            if (claimed.Count < Page)
            {
                break;
            }
        }

        await using (var db = databases.Create())
        {
            var before = clock.GetUtcNow().AddDays(-options.Value.KeepSentDays);
            await db.Set<OutboxReply>().Where(x => x.SentAt != null && x.SentAt < before).ExecuteDeleteAsync(cancellationToken);
        }

        return sent;
    }
}

/// <summary>Runs <see cref="ReplyOutbox.SweepAsync"/> every <see cref="ReplyOutboxOptions.OutboxSweepSeconds"/>; safe on several hub instances.</summary>
public sealed class ReplyOutboxSweeper(ReplyOutbox outbox, IOptions<ReplyOutboxOptions> options, TimeProvider clock, ILogger<ReplyOutboxSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.OutboxSweepSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await outbox.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The reply outbox could not be swept now; trying again in {Seconds} s", options.Value.OutboxSweepSeconds);
            }
        }
    }
}

public static class ReplyOutboxServices
{
    /// <summary>The reply outbox and its sweep (section "Replies").</summary>
    public static IServiceCollection AddHubReplyOutbox(this IServiceCollection services)
    {
        services.AddOptions<ReplyOutboxOptions>().BindConfiguration(ReplyOutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReplyOutbox>();
        services.AddHostedService<ReplyOutboxSweeper>();
        return services;
    }
}
