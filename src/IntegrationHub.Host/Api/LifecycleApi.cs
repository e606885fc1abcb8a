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
        var child = app.MapGroup("/api/children/{childId:guid}").RequireAuthorization().WithTags("Record lifecycle");
        child.MapGet("/lifecycle", GetAsync).WithSummary("National team: the record's lifecycle state (archive reason, holds, death, shielding, responsible authority); audited");
        child.MapPost("/left-england", (Guid childId, [FromBody] LeftEnglandRequest body, HttpContext http, CancellationToken ct) =>
            RunAsync(http, childId, Who.Authority, actor => Service(http).ConfirmLeftEnglandAsync(childId, body.ConfirmedBy, body.Destination, actor, ct), ct));
        child.MapPost("/restore", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, childId, Who.Authority, actor => Service(http).RestoreAsync(childId, actor, ct), ct));
        child.MapPost("/investigation-hold", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, childId, Who.National, actor => Service(http).SetInvestigationHoldAsync(childId, true, actor, ct), ct));
        child.MapDelete("/investigation-hold", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, childId, Who.National, actor => Service(http).SetInvestigationHoldAsync(childId, false, actor, ct), ct));
        child.MapPost("/new-identity", (Guid childId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, childId, Who.National, actor => Service(http).NewIdentityAsync(childId, actor, ct), ct));
        child.MapPost("/involvements/retention", (Guid childId, [FromBody] RetentionRequest body, HttpContext http, CancellationToken ct) =>
            RetentionAsync(http, childId, actor => http.RequestServices.GetRequiredService<InvolvementRetentionService>()
                .ExtendAsync(childId, body.SourceId, body.ServiceProvisionName, body.StartDate, body.RetainUntil ?? default, actor, ct), ct));
        child.MapPost("/involvements/retention/confirm", (Guid childId, [FromBody] RetentionRequest body, HttpContext http, CancellationToken ct) =>
            RetentionAsync(http, childId, actor => http.RequestServices.GetRequiredService<InvolvementRetentionService>()
                .ConfirmAsync(childId, body.SourceId, body.ServiceProvisionName, body.StartDate, actor, ct), ct));
        app.MapCompartmentsApi();
        return app;
    }

    /// <summary>Who may act: the national team only, or also a data manager of an authority whose sources hold the child.</summary>
    private enum Who
    {
        National,
        Authority,
    }

    /// <summary>
    /// The signed-in account acting on the child (ApiIdentity: dashboard cookie or HTTP Basic), or null when it may not:
    /// not the national team where that is required, or no source of its authority holds the child. Null is answered
    /// 404, so a record outside the caller's reach is not revealed.
    /// </summary>
    private static async Task<string?> ActorAsync(HttpContext http, Guid childId, Who who, CancellationToken ct)
    {
        if (ApiIdentity.Of(http) is not { } viewer || (who == Who.National && !viewer.IsNational))
        {
            return null;
        }

        await using var db = http.RequestServices.GetRequiredService<IHubDbContextFactory>().Create();
        return await ApiIdentity.CanReadChildAsync(db, viewer, childId, ct) ? viewer.UserName : null;
    }

    /// <summary>An ended involvement by its natural key on the child (source, provision, start date); RetainUntil for an extension.</summary>
    public sealed record RetentionRequest(string SourceId, string ServiceProvisionName, DateOnly StartDate, DateOnly? RetainUntil);

    private static async Task<IResult> RetentionAsync(HttpContext http, Guid childId, Func<string, Task<RetentionCommandResult>> command, CancellationToken ct)
    {
        if (await ActorAsync(http, childId, Who.Authority, ct) is not { } actor)
        {
            return Results.NotFound();
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
        DateOnly? LeftEnglandOn, bool Shielded, DateOnly? AdultTransitionDate, string? ResponsibleAuthority, Guid? PendingTransferId);

    private static LifecycleService Service(HttpContext http) => http.RequestServices.GetRequiredService<LifecycleService>();

    private static async Task<IResult> RunAsync(HttpContext http, Guid childId, Who who, Func<string, Task<LifecycleCommandResult>> command, CancellationToken ct)
    {
        if (await ActorAsync(http, childId, who, ct) is not { } actor)
        {
            return Results.NotFound();
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
        if (await ActorAsync(http, childId, Who.National, ct) is not { } actor)
        {
            return Results.NotFound();
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
            row?.LeftEnglandOn, row is not null && LifecycleIntake.ShieldingOf(row).IsShielded, snapshot.State?.AdultTransitionDate.Date, row?.ResponsibleAuthority,
            await db.Set<AuthorityTransfer>().AsNoTracking().Where(t => t.ChildId == childId && t.Status == AuthorityTransferStatus.Pending).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)));
    }
}
