using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Scheduling;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// What the lifecycle scenarios share: the nightly runner on a controllable clock over the hub's own store, the
/// data administrators' HTTP calls, and the child record a source's fragment is linked to.
/// </summary>
internal static class LifecycleScenario
{
    public static (ChildLifecycleRunner Runner, ShiftedClock Clock) Nightly(HubUnderTest hub, DateOnly night)
    {
        var clock = new ShiftedClock(At(night));
        var runner = new ChildLifecycleRunner(new HubCalendar(clock, HubCalendar.FindZone("Europe/London")), NullLogger<ChildLifecycleRunner>.Instance,
            hub.Services.GetRequiredService<IChildLifecycleStore>());
        return (runner, clock);
    }

    /// <summary>03:00 UTC on the day: the night's run.</summary>
    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);

    /// <summary>A start about Kelly (the shared test child) born on <paramref name="born"/>.</summary>
    public static JsonObject Kelly(string sourceId, string childId, DateOnly born) =>
        Fragments.Start(sourceId, childId).With("child.dateOfBirth", born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A different child (no shared identifiers with Kelly), born on <paramref name="born"/>.</summary>
    public static JsonObject Sam(string sourceId, string childId, DateOnly born) =>
        Kelly(sourceId, childId, born)
            .With("child.givenName", "Samuel").With("child.familyName", "Okonkwo").With("child.gender", "male")
            .With("child.nhsNumber", "9434765919").With("child.upn", null).With("child.school", null)
            .With("child.address", JsonNode.Parse("""{"lines":["3 Mill Lane","Bradford"],"postcode":"BD1 1AA"}"""));

    public static async Task<Receipt> AcceptedAsync(SourceClient source, JsonObject fragment)
    {
        var receipt = await source.SendAsync(fragment.ToJsonString());
        Assert.That(receipt.Status, Is.EqualTo(ReceiptStatus.Accepted), () => string.Join("; ", receipt.Reasons.Select(r => $"{r.Code}: {r.Message}")));
        return receipt;
    }

    public static async Task<Guid> ChildOfAsync(HubUnderTest hub, string sourceId, string sourceChildId)
    {
        await using var db = hub.Database();
        return await db.Set<ChildLink>().AsNoTracking()
            .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id, (l, f) => new { l.ChildId, f.SourceId, f.SourceChildId })
            .Where(x => x.SourceId == sourceId && x.SourceChildId == sourceChildId)
            .Select(x => x.ChildId)
            .SingleAsync();
    }

    /// <summary>The next notice of the given type on the source's reply queue (others, e.g. mismatch notifications, skipped).</summary>
    public static async Task<JsonElement> NextNoticeAsync(SourceClient source, string messageType, TimeSpan? timeout = null)
    {
        while (true)
        {
            var (type, raw) = await source.NextNoticeAsync(timeout ?? TimeSpan.FromSeconds(15));
            if (type == messageType)
            {
                return JsonDocument.Parse(raw).RootElement.Clone();
            }
        }
    }

    /// <summary>No notice of the type has arrived within a short wait.</summary>
    public static async Task<bool> NoNoticeAsync(SourceClient source, string messageType)
    {
        try
        {
            await NextNoticeAsync(source, messageType, TimeSpan.FromSeconds(2));
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    /// <summary>A national-team data administrator calling the API with the hub account's HTTP Basic credentials.</summary>
    public static Task<HttpClient> AdminAsync(HubUnderTest hub) => Linking.Linked.HttpAsync(hub, "admin.alex");

    public static async Task<JsonElement> PostAsync(HttpClient http, string path, object? body = null)
    {
        var response = body is null ? await http.PostAsync(new Uri(path, UriKind.Relative), null) : await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<Persistence.Lifecycle.ChildLifecycleState?> StateAsync(HubUnderTest hub, Guid childId)
    {
        await using var db = hub.Database();
        return await db.Set<Persistence.Lifecycle.ChildLifecycleState>().AsNoTracking().SingleOrDefaultAsync(s => s.ChildId == childId);
    }
}
