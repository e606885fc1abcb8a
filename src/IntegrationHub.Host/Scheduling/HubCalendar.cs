namespace IntegrationHub.Host.Scheduling;

/// <summary>
/// "Today" for the rules: the date in England (the guidance's dates are civil dates), from the one injected
/// <see cref="TimeProvider"/>, so tests move the calendar by substituting the clock.
/// </summary>
public sealed class HubCalendar(TimeProvider clock, TimeZoneInfo zone)
{
    public TimeProvider Clock { get; } = clock;

    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), Zone).DateTime);

    public static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : throw new InvalidOperationException($"Schedule:TimeZone '{id}' is not a time zone this machine knows.");
}
