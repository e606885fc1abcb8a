namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// A controllable clock: the real time moved to a chosen instant, still ticking. Timers keep real time, so
/// anything waiting on one (Quartz, MassTransit) behaves as usual while "today" is whatever the test says.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public ShiftedClock(DateTimeOffset now) => SetNow(now);

    public void SetNow(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - System.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
