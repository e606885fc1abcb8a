using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Host.Api;

/// <summary>
/// The read side of a child record and the review queue. Callers are hub accounts (<see cref="ApiIdentity"/>: the
/// dashboard's sign-in cookie, or HTTP Basic for machine clients) and are scoped like the dashboard: a data manager
/// reads only children with a fragment from a source of their authority, and only their authority's review items;
/// anything else is 404, exactly as if it did not exist. Every call is audited with who asked; a read of a child or a
/// review item must also say why (query "reason" or header X-Hub-Reason), or it is refused (and the refusal audited).
/// </summary>
public static class LinkingApi
{
    public const string ReasonHeader = "X-Hub-Reason";

    public static IEndpointRouteBuilder MapLinkingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Children and review");
        api.MapGet("/children/{childId:guid}", GetChildAsync)
            .WithSummary("A child's privacy-projected best view and involvements; reason required; 404 outside the caller's authority; a record merged into another answers with the survivor (its childId, Content-Location)");
        api.MapGet("/review", ListReviewAsync).WithSummary("Open review items the caller may see, oldest first");
        api.MapGet("/review/{id:guid}", GetReviewItemAsync)
            .WithSummary("A review item: the held fragment, its candidates (masked where the caller may not see them) and the evidence; reason required");
        api.MapPost("/review/{id:guid}/link", (Guid id, [FromBody] ResolutionRequest body, HttpContext http, ReviewQueue queue, CancellationToken ct) =>
            ResolveAsync(id, ReviewResolution.Linked, body, http, queue, ct));
        api.MapPost("/review/{id:guid}/new", (Guid id, [FromBody] ResolutionRequest? body, HttpContext http, ReviewQueue queue, CancellationToken ct) =>
            ResolveAsync(id, ReviewResolution.NewRecord, body, http, queue, ct));
        api.MapPost("/review/{id:guid}/unusable", (Guid id, [FromBody] ResolutionRequest? body, HttpContext http, ReviewQueue queue, CancellationToken ct) =>
            ResolveAsync(id, ReviewResolution.Unusable, body, http, queue, ct));
        return app;
    }

    /// <summary>Body of a review resolution: the child to link to (link only), and a note (for unusable, the message the source receives).</summary>
    public sealed record ResolutionRequest(Guid? ChildId, string? Note);

    /// <summary>A child's best view with its involvements, privacy-projected.</summary>
    /// <param name="DateOfDeath">A date of death any source notified (002 3.37-3.40): shown at once, before the registration source confirms it.</param>
    /// <param name="Archived">True once the record is archived (adult transition, death, left England, new identity); no reason is given.</param>
    public sealed record ChildResponse(Guid ChildId, bool Shielded, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ChildView BestView, IReadOnlyList<InvolvementResponse> Involvements,
        DateOnly? DateOfDeath = null, bool Archived = false);

    public sealed record InvolvementResponse(string Description, string? SourceId, string? Sector, string? ServiceType, DateOnly? StartDate, DateOnly? EndDate, JsonElement? Practitioner, bool Sensitive);

    public sealed record ReviewItemResponse(Guid Id, Guid FragmentId, string SourceId, string SourceChildId, string Reason, JsonElement Candidates, DateTimeOffset CreatedAt);

    private static string Reason(HttpContext http) =>
        http.Request.Query["reason"].ToString() is { Length: > 0 } q ? q.Trim() : http.Request.Headers[ReasonHeader].ToString().Trim();

    private static async Task<IResult> GetChildAsync(Guid childId, HttpContext http, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        var reader = ApiIdentity.Of(http)!;
        var reason = Reason(http);
        await using var db = databases.Create();
        if (string.IsNullOrWhiteSpace(reason))
        {
            db.AddAudit(Entry(clock, reader.UserName, "child.viewRefused", "refused", new { child = childId, why = "no reason given" }));
            await db.SaveChangesAsync(ct);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A reason is required",
                detail: $"Every view of a child record is audited with who read it and why: give a reason (query ?reason=... or header {ReasonHeader}).");
        }

        // A record retired by a merge answers with the record it was merged into (ADR 0013), judged by that record's
        // sources: another authority's child is answered exactly as a missing one (the attempt is audited all the same).
        var leadsTo = await ChildMerges.LeadsToAsync(db, childId, ct);
        var record = await ApiIdentity.CanReadChildAsync(db, reader, leadsTo, ct)
            ? await db.Set<ChildRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == leadsTo, ct)
            : null;
        var mergedInto = record is not null && record.Id != childId ? record.Id : (Guid?)null;
        db.AddAudit(Entry(clock, reader.UserName, "child.viewed", record is null ? "notFound" : "viewed", new { child = childId, mergedInto, reason }));
        await db.SaveChangesAsync(ct);
        if (record is null)
        {
            return Results.NotFound();
        }

        if (mergedInto is { } current)
        {
            // The body's childId is the surviving record's; the header says where it lives now.
            http.Response.Headers.ContentLocation = $"/api/children/{current}";
        }

        childId = record.Id;

        var view = JsonSerializer.Deserialize<ChildView>(record.BestViewJson, HubJson.Options)!;
        var involvements = await db.Set<ChildLink>().AsNoTracking()
            .Where(l => l.ChildId == childId)
            // An involvement archived on withdrawn consent (002 3.7) is in no view.
            .Join(db.Involvements.AsNoTracking().Where(i => i.ArchivedAt == null), l => l.FragmentId, i => i.ChildFragmentId, (l, i) => i)
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
        var lifecycle = await db.Set<Persistence.Lifecycle.ChildLifecycleState>().AsNoTracking()
            .Where(l => l.ChildId == record.Id).Select(l => new { l.DateOfDeath, l.ArchivedOn }).SingleOrDefaultAsync(ct);
        return Results.Ok(new ChildResponse(record.Id, record.Shielded, record.CreatedAt, record.UpdatedAt, PrivacyProjection.Project(view, record.Shielded), shown,
            lifecycle?.DateOfDeath, lifecycle?.ArchivedOn is not null));
    }

    private static async Task<IResult> ListReviewAsync(HttpContext http, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        var reader = ApiIdentity.Of(http)!;
        await using var db = databases.Create();
        var visible = (await ApiIdentity.OwnSourceIdsAsync(db, reader, ct)).ToHashSet(StringComparer.Ordinal);
        // Ordered in memory: SQLite cannot order by a DateTimeOffset column, and the open queue is short.
        var open = (await db.Set<ReviewItem>().AsNoTracking().Where(r => r.Status == ReviewStatus.Open).ToListAsync(ct))
            .Where(r => visible.Contains(r.SourceId)).OrderBy(r => r.CreatedAt).Take(500).ToList();
        db.AddAudit(Entry(clock, reader.UserName, "review.listed", "viewed", new { count = open.Count, scope = reader.Scope }));
        await db.SaveChangesAsync(ct);
        return Results.Ok(open.Select(r => new ReviewItemResponse(r.Id, r.FragmentId, r.SourceId, r.SourceChildId, r.Reason, JsonDocument.Parse(r.CandidatesJson).RootElement.Clone(), r.CreatedAt)));
    }

    private static async Task<IResult> GetReviewItemAsync(Guid id, HttpContext http, ReviewQueue queue, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        var reader = ApiIdentity.Of(http)!;
        var reason = Reason(http);
        if (string.IsNullOrWhiteSpace(reason))
        {
            await using var db = databases.Create();
            db.AddAudit(Entry(clock, reader.UserName, "review.viewRefused", "refused", new { item = id, why = "no reason given" }));
            await db.SaveChangesAsync(ct);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A reason is required",
                detail: $"A review item shows personal data; every view is audited with who read it and why: give a reason (query ?reason=... or header {ReasonHeader}).");
        }

        return await queue.ViewAsync(reader, id, reason.Length > 500 ? reason[..500] : reason, ct) is { } item ? Results.Ok(item) : Results.NotFound();
    }

    private static async Task<IResult> ResolveAsync(Guid id, ReviewResolution resolution, ResolutionRequest? body, HttpContext http, ReviewQueue queue, CancellationToken ct)
    {
        var result = await queue.ResolveAsync(ApiIdentity.Of(http)!, id, resolution, body?.ChildId, body?.Note, ct);
        return result.Status switch
        {
            ReviewResolutionStatus.NotFound => Results.NotFound(),
            ReviewResolutionStatus.AlreadyResolved => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already resolved", detail: result.Problem),
            ReviewResolutionStatus.UnknownChild => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown child", detail: result.Problem),
            ReviewResolutionStatus.Refused => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: result.Problem),
            _ => Results.Ok(new { id, resolution = resolution.ToString(), childId = result.ChildId }),
        };
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
