using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Pipeline.Lifecycle;
using IntegrationHub.Pipeline.Replies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Host.Api;

/// <summary>
/// Data administrators' lifecycle actions on a child record (issue 5; docs/operations.md): confirm the child left
/// England, restore, place or lift an investigation hold, give a new identity, read the lifecycle state, and (a
/// practitioner) extend or confirm the retention of an ended involvement. Every
/// action is audited with who did it. The stop and resume notices an action brings are sent after its commit.
/// </summary>
public static class LifecycleApi
{
    public static IEndpointRouteBuilder MapLifecycleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/children/{childId:guid}/lifecycle", GetAsync);
        app.MapPost("/api/children/{childId:guid}/left-england", (Guid childId, [FromBody] LeftEnglandRequest body, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => Service(http).ConfirmLeftEnglandAsync(childId, body.ConfirmedBy, body.Destination, actor, ct), ct));
        app.MapPost("/api/children/{childId:guid}/restore", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => Service(http).RestoreAsync(childId, actor, ct), ct));
        app.MapPost("/api/children/{childId:guid}/investigation-hold", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => Service(http).SetInvestigationHoldAsync(childId, true, actor, ct), ct));
        app.MapDelete("/api/children/{childId:guid}/investigation-hold", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => Service(http).SetInvestigationHoldAsync(childId, false, actor, ct), ct));
        app.MapPost("/api/children/{childId:guid}/new-identity", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => Service(http).NewIdentityAsync(childId, actor, ct), ct));
        app.MapPost("/api/children/{childId:guid}/involvements/retention", (Guid childId, [FromBody] RetentionRequest body, HttpContext http, CancellationToken ct) =>
            RetentionAsync(http, actor => http.RequestServices.GetRequiredService<InvolvementRetentionService>()
                .ExtendAsync(childId, body.SourceId, body.ServiceProvisionName, body.StartDate, body.RetainUntil ?? default, actor, ct)));
        app.MapPost("/api/children/{childId:guid}/involvements/retention/confirm", (Guid childId, [FromBody] RetentionRequest body, HttpContext http, CancellationToken ct) =>
            RetentionAsync(http, actor => http.RequestServices.GetRequiredService<InvolvementRetentionService>()
                .ConfirmAsync(childId, body.SourceId, body.ServiceProvisionName, body.StartDate, actor, ct)));
        return app;
    }

    /// <summary>An ended involvement by its natural key on the child (source, provision, start date); RetainUntil for an extension.</summary>
    public sealed record RetentionRequest(string SourceId, string ServiceProvisionName, DateOnly StartDate, DateOnly? RetainUntil);

    private static async Task<IResult> RetentionAsync(HttpContext http, Func<string, Task<RetentionCommandResult>> command)
    {
        if (Actor(http) is not { } actor)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {LinkingApi.UserHeader} header is required");
        }

        var result = await command(actor);
        return result.Status switch
        {
            RetentionCommandStatus.NotFound => Results.NotFound(),
            RetentionCommandStatus.Refused => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Code, detail: result.Problem),
            _ => Results.Ok(new { visibleUntil = result.VisibleUntil }),
        };
    }

    /// <summary>The responsible local authority's confirmation (002 4.60, 4.77): who confirmed it, and where to (for the audit only).</summary>
    public sealed record LeftEnglandRequest(string ConfirmedBy, string? Destination);

    /// <summary>The lifecycle state of a record, for data administrators (the archive reason is never shown to sources).</summary>
    public sealed record LifecycleResponse(Guid ChildId, DateOnly? ArchivedOn, string? ArchiveReason, bool InvestigationHold, DateOnly? DateOfDeath, DateOnly? DeathConfirmedOn,
        DateOnly? LeftEnglandOn, bool Shielded, DateOnly? AdultTransitionDate);

    /// <summary>
    /// Who is acting. There are no accounts yet: the X-Hub-User header, as the read API. The one place to change when the
    /// dashboard's authentication covers Host/Api.
    /// </summary>
    internal static string? Actor(HttpContext http) => http.Request.Headers[LinkingApi.UserHeader].ToString() is { Length: > 0 } user ? user : null;

    private static LifecycleService Service(HttpContext http) => http.RequestServices.GetRequiredService<LifecycleService>();

    private static async Task<IResult> RunAsync(HttpContext http, Func<string, Task<LifecycleCommandResult>> command, CancellationToken ct)
    {
        if (Actor(http) is not { } actor)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {LinkingApi.UserHeader} header is required");
        }

        var result = await command(actor);
        switch (result.Status)
        {
            case LifecycleCommandStatus.NotFound:
                return Results.NotFound();
            case LifecycleCommandStatus.Refused:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: result.Problem);
        }

        await http.RequestServices.GetRequiredService<ReplySender>().SendRepliesAsync(result.Replies, ct);
        return Results.Ok(new { notices = result.Replies.Count, newChildId = result.NewChildId });
    }

    private static async Task<IResult> GetAsync(Guid childId, HttpContext http, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        if (Actor(http) is not { } actor)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {LinkingApi.UserHeader} header is required");
        }

        await using var db = databases.Create();
        var snapshot = await LifecycleService.LoadAsync(db, childId, ct);
        db.AddAudit(LifecycleIntake.Audit(clock.GetUtcNow(), actor, "child.lifecycleViewed", new { child = childId }, outcome: snapshot is null ? "notFound" : "viewed"));
        await db.SaveChangesAsync(ct);
        if (snapshot is null)
        {
            return Results.NotFound();
        }

        var row = await db.Set<ChildLifecycleState>().AsNoTracking().SingleOrDefaultAsync(s => s.ChildId == childId, ct);
        return Results.Ok(new LifecycleResponse(childId, row?.ArchivedOn, row?.ArchiveReason, row?.InvestigationHold ?? false, row?.DateOfDeath, row?.DeathConfirmedOn,
            row?.LeftEnglandOn, row is not null && LifecycleIntake.ShieldingOf(row).IsShielded, snapshot.State?.AdultTransitionDate.Date));
    }
}
