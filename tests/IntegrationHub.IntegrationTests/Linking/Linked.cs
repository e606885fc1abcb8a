using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Linking;

/// <summary>Helpers for the linking tests: fragments of chosen children, and what the hub linked them to.</summary>
internal static class Linked
{
    /// <summary>A demographics-only fragment (what a national registration source sends).</summary>
    public static JsonObject Demographics(string sourceId, string childId = "C-1", long? sequence = null) =>
        Fragments.Start(sourceId, childId, sequence).As(IntegrationHub.Contracts.Demographics.Type, sequence).With("involvement", null);

    public static JsonObject ProducedAt(this JsonObject fragment, DateTimeOffset at) => fragment.With("producedAt", at.ToString("O"));

    public static async Task<Guid?> ChildOfAsync(HubUnderTest hub, string sourceId, string sourceChildId = "C-1")
    {
        await using var db = hub.Database();
        return await db.Set<ChildLink>()
            .Join(db.ChildFragments, l => l.FragmentId, f => f.Id, (l, f) => new { l.ChildId, f.SourceId, f.SourceChildId })
            .Where(x => x.SourceId == sourceId && x.SourceChildId == sourceChildId)
            .Select(x => (Guid?)x.ChildId)
            .SingleOrDefaultAsync();
    }

    public static async Task<int> ChildRecordsAsync(HubUnderTest hub)
    {
        await using var db = hub.Database();
        return await db.Set<ChildRecord>().CountAsync();
    }

    public static async Task<MismatchNotification> NextMismatchAsync(this SourceClient source)
    {
        var (type, raw) = await source.NextNoticeAsync();
        Assert.That(type, Is.EqualTo(MismatchNotification.Type), System.Text.Encoding.UTF8.GetString(raw));
        return JsonSerializer.Deserialize<MismatchNotification>(raw, HubJson.Options)!;
    }

    /// <summary>Sends a message and returns its receipt; the notices it caused are sent right after it.</summary>
    public static async Task<Receipt> SendAndSettleAsync(this SourceClient source, JsonObject fragment)
    {
        var receipt = await source.SendAsync(fragment.ToJsonString());
        await Task.Delay(300);
        return receipt;
    }

    public const string Password = "correct horse battery staple";

    /// <summary>
    /// A machine client of the API: a hub account (national team unless an authority is given) sending HTTP Basic,
    /// as docs/operations.md describes. Null user: no credentials at all.
    /// </summary>
    public static async Task<HttpClient> HttpAsync(HubUnderTest hub, string? user = "ada.admin", string? authority = null)
    {
        var http = new HttpClient { BaseAddress = hub.HttpAddress };
        if (user is not null)
        {
            await hub.Services.GetRequiredService<AccountStore>().AddAsync(user, authority is null ? AccountRole.NationalTeam : AccountRole.DataManager, authority, Password, "test");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{Password}")));
        }

        return http;
    }

    public static async Task<List<AuditEntry>> AuditAsync(HubUnderTest hub, string action)
    {
        await using var db = hub.Database();
        return await db.Audit.Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }
}
