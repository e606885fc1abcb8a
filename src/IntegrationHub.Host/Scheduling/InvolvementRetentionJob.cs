using IntegrationHub.Pipeline.Lifecycle;
using IntegrationHub.Pipeline.Linking;
using IntegrationHub.Pipeline.Replies;
using Microsoft.Extensions.Options;
using Quartz;

namespace IntegrationHub.Host.Scheduling;

/// <summary>What one nightly retention run did.</summary>
public sealed record InvolvementRetentionRun(int Prompted, int Lapsed);

/// <summary>
/// The nightly review of practitioners' retention extensions (002 3.41-3.44, ADR 0012): every extension still in force is
/// judged as of today (<see cref="InvolvementRetentionService.ReviewAsync"/>, one transaction each): a due yearly
/// confirmation is asked of the source that holds the involvement (a <c>retentionConfirmationDue</c> on its reply
/// queue, once per involvement and lapse day), and an extension not confirmed in time lapses on its lapse day, audited.
/// </summary>
/// <remarks>
/// Idempotent: the day prompted for and the lapse are stored with the decision, so a second run (or a second hub
/// instance) sends nothing again. A missed night is caught up: the question is "what is due as of today", the lapse is
/// recorded with the day it fell due, and an extension whose lapse day has passed is never prompted for. The prompts are
/// written to the reply outbox with the decision and sent after each page; a crash in between leaves them to the sweep.
/// </remarks>
public sealed class InvolvementRetentionRunner(
    InvolvementRetentionService retention, HubCalendar calendar, IServiceScopeFactory scopes, IOptions<ScheduleOptions> options, ILogger<InvolvementRetentionRunner> logger)
{
    public async Task<InvolvementRetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var prompted = 0;
        var lapsed = 0;
        Guid? after = null;
        while (true)
        {
            var page = await retention.InForceAsync(after, options.Value.PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var replies = new List<OutgoingReply>();
            foreach (var id in page)
            {
                var review = await retention.ReviewAsync(id, today, calendar.Now, cancellationToken);
                prompted += review.Outcome == RetentionReviewOutcome.Prompted ? 1 : 0;
                lapsed += review.Outcome == RetentionReviewOutcome.Lapsed ? 1 : 0;
                if (review.Prompt is { } prompt)
                {
                    replies.Add(prompt);
                }
            }

            if (replies.Count > 0)
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReplySender>().SendRepliesAsync(replies, cancellationToken);
            }

            after = page[^1];
        }

        logger.LogInformation("Involvement retention as of {Today}: {Prompted} confirmations asked for, {Lapsed} extensions lapsed.", today, prompted, lapsed);
        return new InvolvementRetentionRun(prompted, lapsed);
    }
}

/// <summary>The Quartz job around <see cref="InvolvementRetentionRunner"/>: one run at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class InvolvementRetentionJob(InvolvementRetentionRunner runner) : IJob
{
    public static readonly JobKey Key = new("involvement-retention", "lifecycle");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await runner.RunAsync(cancellationToken);
}
