using IntegrationHub.Host.Dashboard;
using IntegrationHub.Persistence;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>The red/amber/green rules and their words. Pure: no hub needed.</summary>
public class When_feed_health_is_judged
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly EffectiveRule Defaults = new(72, 20, DeadLetters: true, ReviewQueueDays: 7, IsDefault: true);

    private static Health Judge(DateTimeOffset? last, OutcomeCounts hour, OutcomeCounts day, OutcomeCounts month, SourceStatus status = SourceStatus.Accredited) =>
        HealthAssessment.Assess(new HealthAssessment.Input(status, Now.AddDays(-90), last, hour, day, month, Defaults, MinimumMessagesForRate: 10), Now);

    [Test]
    public void A_feed_silent_for_longer_than_its_rule_is_red_in_days()
    {
        var health = Judge(Now.AddDays(-3).AddHours(-2), OutcomeCounts.None, OutcomeCounts.None, new(100, 0, 0, 0));

        Assert.That(health.Level, Is.EqualTo(HealthLevel.Red));
        Assert.That(health.Summary, Is.EqualTo("no messages for 3 days"));
        Assert.That(health.Findings[0].Condition, Is.EqualTo(HealthAssessment.NoMessages));
    }

    [Test]
    public void A_possible_match_waiting_longer_than_the_review_rule_is_red()
    {
        HealthAssessment.Input Waiting(int days) => new(SourceStatus.Accredited, Now.AddDays(-90), Now.AddMinutes(-1), new(20, 0, 0, 0), new(20, 0, 0, 0), new(100, 0, 0, 0),
            Defaults, MinimumMessagesForRate: 10, OldestOpenReview: Now.AddDays(-days).AddHours(-1));

        var late = HealthAssessment.Assess(Waiting(9), Now);
        Assert.That((late.Level, late.Summary), Is.EqualTo((HealthLevel.Red, "a possible match has waited for review for 9 days")));
        Assert.That(late.Findings[0].Condition, Is.EqualTo(HealthAssessment.ReviewQueue));
        Assert.That(HealthAssessment.Assess(Waiting(3), Now).Level, Is.EqualTo(HealthLevel.Green));
        Assert.That(HealthAssessment.Assess(Waiting(9) with { Rule = Defaults with { ReviewQueueDays = 14, IsDefault = false } }, Now).Level, Is.EqualTo(HealthLevel.Green), "a feed's own rule decides");
        Assert.That(HealthAssessment.Assess(Waiting(90) with { Rule = Defaults with { ReviewQueueDays = null, IsDefault = false } }, Now).Level, Is.EqualTo(HealthLevel.Green), "the rule switched off for this feed");
    }

    [Test]
    public void A_rejection_spike_says_from_what_to_what()
    {
        var health = Judge(Now.AddMinutes(-1), new(60, 0, 40, 0), new(160, 0, 41, 0), new(1060, 0, 50, 0));

        Assert.That(health.Level, Is.EqualTo(HealthLevel.Red));
        Assert.That(health.Summary, Is.EqualTo("rejections up from 1% to 40% in the last hour"));
    }

    [Test]
    public void A_rise_below_the_threshold_is_amber()
    {
        var health = Judge(Now.AddMinutes(-1), new(90, 0, 10, 0), new(190, 0, 11, 0), new(1090, 0, 20, 0));

        Assert.That(health.Level, Is.EqualTo(HealthLevel.Amber));
        Assert.That(health.Summary, Is.EqualTo("rejections up from 1% to 10% in the last hour"));
    }

    [Test]
    public void Too_few_messages_are_not_judged_as_a_rate()
    {
        var health = Judge(Now.AddMinutes(-1), new(1, 0, 1, 0), new(1, 0, 1, 0), new(1, 0, 1, 0));

        Assert.That(health.Level, Is.EqualTo(HealthLevel.Green));
        Assert.That(health.Summary, Is.EqualTo("receiving normally; last message 60 seconds ago"));
    }

    [Test]
    public void Suspended_is_amber_and_terminated_is_off()
    {
        Assert.That(Judge(Now.AddDays(-10), OutcomeCounts.None, OutcomeCounts.None, OutcomeCounts.None, SourceStatus.Suspended).Level, Is.EqualTo(HealthLevel.Amber));
        Assert.That(Judge(Now.AddDays(-10), OutcomeCounts.None, OutcomeCounts.None, OutcomeCounts.None, SourceStatus.Terminated).Level, Is.EqualTo(HealthLevel.Off));
    }

    [Test]
    public void Dead_letters_and_held_messages_are_named()
    {
        var health = Judge(Now.AddMinutes(-1), new(5, 0, 0, 0), new(50, 3, 0, 2), new(500, 3, 0, 2));

        Assert.That(health.Level, Is.EqualTo(HealthLevel.Red));
        Assert.That(health.Summary, Is.EqualTo("2 messages dead-lettered in the last 24 hours; 3 messages held for review in the last 24 hours"));
    }
}
