using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
using IntegrationHub.Pipeline.Replies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Host.Api;

/// <summary>
/// The read side of a child record and the review queue. Every call is audited with who asked; a read of a child
/// must also say why (query or header "reason"), or it is refused (and the refusal is audited).
/// There are no accounts yet: the caller's identity is taken from the X-Hub-User header (see docs/architecture.md);
/// the dashboard's sign-in will replace it.
/// </summary>
public static class LinkingApi
{
    public const string UserHeader = "X-Hub-User";
    public const string ReasonHeader = "X-Hub-Reason";

    public static IEndpointRouteBuilder MapLinkingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/children/{childId:guid}", GetChildAsync);
        app.MapGet("/api/review", ListReviewAsync);
        app.MapPost("/api/review/{id:guid}/link", (Guid id, [FromBody] ResolutionRequest body, HttpContext http, CancellationToken ct) =>
            ResolveAsync(id, ReviewResolution.Linked, body, http, ct));
        app.MapPost("/api/review/{id:guid}/new", (Guid id, [FromBody] ResolutionRequest? body, HttpContext http, CancellationToken ct) =>
            ResolveAsync(id, ReviewResolution.NewRecord, body, http, ct));
        app.MapPost("/api/review/{id:guid}/unusable", (Guid id, [FromBody] ResolutionRequest? body, HttpContext http, CancellationToken ct) =>
            ResolveAsync(id, ReviewResolution.Unusable, body, http, ct));
        return app;
    }

    /// <summary>Body of a review resolution: the child to link to (link only), and a note (for unusable, the message the source receives).</summary>
    public sealed record ResolutionRequest(Guid? ChildId, string? Note);

    /// <summary>A child's best view with its involvements, privacy-projected.</summary>
    public sealed record ChildResponse(Guid ChildId, bool Shielded, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ChildView BestView, IReadOnlyList<InvolvementResponse> Involvements);

    public sealed record InvolvementResponse(string Description, string? SourceId, string? Sector, string? ServiceType, DateOnly? StartDate, DateOnly? EndDate, JsonElement? Practitioner, bool Sensitive);

    public sealed record ReviewItemResponse(Guid Id, Guid FragmentId, string SourceId, string SourceChildId, string Reason, JsonElement Candidates, DateTimeOffset CreatedAt);

    private static async Task<IResult> GetChildAsync(Guid childId, HttpContext http, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        var reader = http.Request.Headers[UserHeader].ToString();
        var reason = http.Request.Query["reason"].ToString() is { Length: > 0 } q ? q : http.Request.Headers[ReasonHeader].ToString();
        await using var db = databases.Create();
        if (string.IsNullOrWhiteSpace(reader) || string.IsNullOrWhiteSpace(reason))
        {
            db.AddAudit(Entry(clock, string.IsNullOrWhiteSpace(reader) ? "(anonymous)" : reader, "child.viewRefused", "refused", new { child = childId, why = "no reader or no reason given" }));
            await db.SaveChangesAsync(ct);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A reader and a reason are required",
                detail: $"Every view of a child record is audited with who read it and why: send the {UserHeader} header and a reason (query ?reason=... or header {ReasonHeader}).");
        }

        var record = await db.Set<ChildRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == childId, ct);
        db.AddAudit(Entry(clock, reader, "child.viewed", record is null ? "notFound" : "viewed", new { child = childId, reason }));
        await db.SaveChangesAsync(ct);
        if (record is null)
        {
            return Results.NotFound();
        }

        var view = JsonSerializer.Deserialize<ChildView>(record.BestViewJson, HubJson.Options)!;
        var involvements = await db.Set<ChildLink>().AsNoTracking()
            .Where(l => l.ChildId == childId)
            .Join(db.Involvements.AsNoTracking(), l => l.FragmentId, i => i.ChildFragmentId, (l, i) => i)
            .Join(db.ChildFragments.AsNoTracking(), i => i.ChildFragmentId, f => f.Id, (i, f) => new { Involvement = i, f.SourceId })
            .ToListAsync(ct);
        // An ended involvement stays visible a year after its end (002 3.41, 4.76; 000 2.2 item 11), then leaves the view.
        // A practitioner's extension keeps it longer while confirmed yearly (002 3.41-3.44).
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var extensions = await Pipeline.Lifecycle.InvolvementRetentionService.ExtensionsAsync(db, [.. involvements.Select(x => x.Involvement.Id)], ct);
        var shown = involvements
            .Where(x => x.Involvement.EndDate is not { } ended
                || today < Pipeline.Lifecycle.InvolvementRetentionService.Retention(ended, extensions.GetValueOrDefault(x.Involvement.Id)).VisibleUntil)
            .Select(x => PrivacyProjection.Project(new InvolvementView(x.Involvement.ServiceProvisionName, x.SourceId, x.Involvement.Sector, x.Involvement.ServiceType,
                x.Involvement.StartDate, x.Involvement.EndDate, x.Involvement.PractitionerJson, x.Involvement.Sensitive)))
            .OrderBy(i => i.Sensitive).ThenBy(i => i.StartDate).ThenBy(i => i.Description, StringComparer.Ordinal)
            .Select(i => new InvolvementResponse(i.Description, i.SourceId, i.Sector, i.ServiceType, i.StartDate, i.EndDate,
                i.PractitionerJson is null ? null : JsonDocument.Parse(i.PractitionerJson).RootElement.Clone(), i.Sensitive))
            .ToList();
        return Results.Ok(new ChildResponse(record.Id, record.Shielded, record.CreatedAt, record.UpdatedAt, PrivacyProjection.Project(view, record.Shielded), shown));
    }

    private static async Task<IResult> ListReviewAsync(HttpContext http, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        var reader = http.Request.Headers[UserHeader].ToString();
        if (string.IsNullOrWhiteSpace(reader))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {UserHeader} header is required");
        }

        await using var db = databases.Create();
        // Ordered in memory: SQLite cannot order by a DateTimeOffset column, and the open queue is short.
        var open = (await db.Set<ReviewItem>().AsNoTracking().Where(r => r.Status == ReviewStatus.Open).ToListAsync(ct))
            .OrderBy(r => r.CreatedAt).Take(500).ToList();
        db.AddAudit(Entry(clock, reader, "review.listed", "viewed", new { count = open.Count }));
        await db.SaveChangesAsync(ct);
        return Results.Ok(open.Select(r => new ReviewItemResponse(r.Id, r.FragmentId, r.SourceId, r.SourceChildId, r.Reason, JsonDocument.Parse(r.CandidatesJson).RootElement.Clone(), r.CreatedAt)));
    }

    private static async Task<IResult> ResolveAsync(Guid id, ReviewResolution resolution, ResolutionRequest? body, HttpContext http, CancellationToken ct)
    {
        var actor = http.Request.Headers[UserHeader].ToString();
        if (string.IsNullOrWhiteSpace(actor))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {UserHeader} header is required");
        }

        var services = http.RequestServices;
        var result = await services.GetRequiredService<ReviewService>().ResolveAsync(id, resolution, body?.ChildId, actor, body?.Note, ct);
        switch (result.Status)
        {
            case ReviewResolutionStatus.NotFound:
                return Results.NotFound();
            case ReviewResolutionStatus.AlreadyResolved:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already resolved", detail: result.Problem);
            case ReviewResolutionStatus.UnknownChild:
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown child", detail: result.Problem);
        }

        // Committed: now tell the sources (review outcome, and any mismatch the new best view brings).
        await services.GetRequiredService<ReplySender>().SendRepliesAsync(result.Replies, ct);
        return Results.Ok(new { id, resolution = resolution.ToString(), childId = result.ChildId });
    }

    private static AuditEntry Entry(TimeProvider clock, string actor, string action, string outcome, object detail) => new()
    {
        At = clock.GetUtcNow(),
        Actor = actor.Length > 100 ? actor[..100] : actor,
        Action = action,
        Outcome = outcome,
        Detail = JsonSerializer.Serialize(detail, HubJson.Options) is { Length: > 4000 } text ? text[..4000] : JsonSerializer.Serialize(detail, HubJson.Options),
    };
}
