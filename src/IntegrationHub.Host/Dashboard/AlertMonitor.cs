using System.Net.Http.Json;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Dashboard;

/// <summary>What the webhook receives: one POST when a condition is raised, one when it clears. No personal data.</summary>
public sealed record AlertNotification(string SourceId, string SourceName, string? LocalAuthority, string Condition, string State, string Detail, DateTimeOffset At);

/// <summary>
/// Evaluates every accredited source's alert conditions (the red findings of <see cref="HealthAssessment"/>)
/// and records each condition's state in alert_states. The webhook hears of a change once: a condition that
/// stays raised is not announced again until it has cleared. A failed POST is retried at the next evaluation.
/// </summary>
public sealed class AlertMonitor(
    IServiceProvider services,
    IHubDbContextFactory databases,
    TimeProvider clock,
    IHttpClientFactory httpClients,
    IOptions<DashboardOptions> options,
    ILogger<AlertMonitor> logger) : BackgroundService
{
    private static readonly string[] Conditions = [HealthAssessment.NoMessages, HealthAssessment.RejectionRate, HealthAssessment.DeadLetters, HealthAssessment.ReviewQueue];

    /// <summary>The condition of the one intake queue all feeds share, recorded under <see cref="Hub"/> rather than a source.</summary>
    public const string IntakeQueue = "intake-queue";

    /// <summary>The "source" of hub-wide alerts.</summary>
    public const string Hub = "hub";
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AlertsEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AlertIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await EvaluateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Alert evaluation failed; it runs again in {Seconds} s", options.Value.AlertIntervalSeconds);
            }
        }
    }

    /// <summary>One evaluation of every source; the timer calls it, and so can a test.</summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var rows = await services.GetRequiredService<FeedHealth>().AllRowsAsync(cancellationToken);
            await using (var db = databases.Create())
            {
                var states = await db.Set<AlertState>().ToListAsync(cancellationToken);

                // One state per (source, condition): raised once, announced once, cleared once.
                void Track(string sourceId, string condition, string? finding)
                {
                    var state = states.FirstOrDefault(s => s.SourceId == sourceId && s.Condition == condition);
                    if (finding is not null && state is not { Open: true })
                    {
                        if (state is null)
                        {
                            state = new AlertState { SourceId = sourceId, Condition = condition, Detail = finding };
                            db.Set<AlertState>().Add(state);
                            states.Add(state);
                        }

                        state.Open = true;
                        state.RaisedAt = now;
                        state.ClearedAt = null;
                        state.Detail = finding;
                        state.NotificationPending = true;
                        state.Version++;
                        db.AddAudit(new AuditEntry { At = now, Actor = "hub", Action = "alert.raise", SourceId = sourceId == Hub ? null : sourceId, Outcome = condition, Detail = finding });
                    }
                    else if (finding is null && state is { Open: true })
                    {
                        state.Open = false;
                        state.ClearedAt = now;
                        state.NotificationPending = true;
                        state.Version++;
                        db.AddAudit(new AuditEntry { At = now, Actor = "hub", Action = "alert.clear", SourceId = sourceId == Hub ? null : sourceId, Outcome = condition });
                    }
                }

                foreach (var (source, row) in rows)
                {
                    foreach (var condition in Conditions)
                    {
                        // Suspended and terminated feeds raise nothing: their silence is expected.
                        Track(source.Id, condition, source.Status == SourceStatus.Accredited ? row.Health.Findings.FirstOrDefault(f => f.Condition == condition)?.Text : null);
                    }
                }

                if (options.Value.IntakeQueueDepth is { } limit)
                {
                    var intake = (await services.GetRequiredService<BrokerStatus>().QueuesAsync([BrokerStatus.IntakeQueue], cancellationToken))[BrokerStatus.IntakeQueue];
                    // Only what the broker reported: an unknown depth (in-memory bus, statistics not in yet) neither raises nor clears.
                    if (intake.Messages is { } waiting)
                    {
                        Track(Hub, IntakeQueue, waiting > limit
                            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{waiting:N0} messages waiting on the intake queue (alert above {limit:N0})")
                            : intake.Consumers == 0 && waiting > 0 ? "nothing is reading the intake queue" : null);
                    }
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another hub instance recorded the same change first (same key or version): it announces it.
                    return;
                }
            }

            await NotifyAsync(rows.ToDictionary(r => r.Source.Id, r => r.Source), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task NotifyAsync(Dictionary<string, Source> sources, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var pending = await db.Set<AlertState>().Where(s => s.NotificationPending).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }

        if (options.Value.AlertWebhookUrl is not { Length: > 0 } url)
        {
            // No webhook configured: alerts are shown on the dashboard only; nothing is waiting to be sent.
            pending.ForEach(s => s.NotificationPending = false);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var http = httpClients.CreateClient(nameof(AlertMonitor));
        foreach (var state in pending)
        {
            var source = sources.GetValueOrDefault(state.SourceId);
            var notification = new AlertNotification(
                state.SourceId,
                source?.Name ?? state.SourceId,
                source?.LocalAuthority,
                state.Condition,
                state.Open ? "raised" : "cleared",
                state.Detail,
                state.Open ? state.RaisedAt : state.ClearedAt ?? clock.GetUtcNow());
            try
            {
                using var response = await http.PostAsJsonAsync(url, notification, cancellationToken);
                response.EnsureSuccessStatusCode();
                state.NotificationPending = false;
                state.NotifiedAt = clock.GetUtcNow();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                logger.LogWarning("Alert webhook {Url} refused {Condition} for {Source}: {Error}; retried at the next evaluation", url, state.Condition, state.SourceId, ex.Message);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
