using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>
/// Rejects held updates and ends whose start did not arrive in time (ADR 0005), releases any whose start was
/// committed by another hub instance while they were being held, and sends their sources the final receipt. Runs every <see cref="IntakeOptions.HeldSweepSeconds"/>; safe on several hub instances (a
/// message one instance finished is a conflict to the other, which leaves it).
/// </summary>
public sealed class HeldMessageExpiry(
    IntakeProcessor processor,
    IServiceScopeFactory scopes,
    IOptions<IntakeOptions> options,
    TimeProvider clock,
    ILogger<HeldMessageExpiry> logger) : BackgroundService
{
    private const int Limit = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeldSweepSeconds), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (StoreConflicts.IsConflict(ex))
            {
                logger.LogInformation("Another hub instance finished held messages first: {Cause}", ex.GetBaseException().Message);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Held messages past their time could not be rejected now; trying again in {Seconds} s", options.Value.HeldSweepSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: every held message past its time, in pages, each page in one transaction before its receipts go out.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await processor.ReviewHeldAsync(Limit, cancellationToken);
            if (result.Receipts.Count == 0)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var replies = scope.ServiceProvider.GetRequiredService<ReplySender>();
            await replies.SendReceiptsAsync(result.Receipts.Select(r => (r.SourceId, r.Body)), cancellationToken);
            await replies.SendRepliesAsync(result.Notifications ?? [], cancellationToken);
            logger.LogInformation("{Count} held updates or ends reached their final outcome (released, or rejected when their start did not arrive in time)", result.Receipts.Count);
            if (result.Receipts.Count < Limit)
            {
                return;
            }
        }
    }
}
