using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Pipeline.Lifecycle;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Api;

/// <summary>
/// Local authority compartments (002 4.53-4.59; ADR 0011; docs/operations.md "Compartments"): the transfers pending for
/// the caller's authority, in and out; propose a transfer of a record; accept or decline one. A data manager acts only
/// for their own authority (another authority's transfer is answered 404); the national team sees every transfer and
/// may propose, but only the two authorities accept or decline. Every call is audited with who made it.
/// </summary>
public static class CompartmentsApi
{
    public static IEndpointRouteBuilder MapCompartmentsApi(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup("/api/transfers").RequireAuthorization().WithTags("Compartments");
        transfers.MapGet("/", ListAsync).WithSummary("Transfers pending for my authority (in and out); the national team sees all; audited");
        transfers.MapPost("/{transferId:guid}/accept", (Guid transferId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, (actingFor, actor) => Service(http).AcceptAsync(transferId, actingFor, actor, ct)))
            .WithSummary("Accept a transfer for my authority; the record moves once both authorities have");
        transfers.MapPost("/{transferId:guid}/decline", (Guid transferId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, (actingFor, actor) => Service(http).DeclineAsync(transferId, actingFor, actor, ct)))
            .WithSummary("Decline (or, as its proposer, withdraw) a pending transfer; the record stays");
        app.MapPost("/api/children/{childId:guid}/transfers", (Guid childId, [FromBody] ProposeRequest body, HttpContext http, CancellationToken ct) =>
                RunAsync(http, (actingFor, actor) => Service(http).ProposeAsync(childId, body.ToAuthority, actingFor, actor, ct)))
            .RequireAuthorization().WithTags("Compartments")
            .WithSummary("Propose moving a record assigned to my authority to another (002 4.58), or to my authority from another");
        return app;
    }

    /// <summary>The authority the record should move to, as accounts and sources name it.</summary>
    public sealed record ProposeRequest(string ToAuthority);

    /// <summary>
    /// A transfer as the two authorities see it: ids, the authorities, who has accepted. Nothing about the child beyond its
    /// id; Direction is "in" or "out" for a data manager, null for the national team.
    /// </summary>
    public sealed record TransferResponse(Guid TransferId, Guid ChildId, string FromAuthority, string ToAuthority, string? Direction, string Status, string Origin,
        DateTimeOffset ProposedAt, bool AcceptedByFrom, bool AcceptedByTo);

    private static CompartmentService Service(HttpContext http) => http.RequestServices.GetRequiredService<CompartmentService>();

    private static TransferResponse Response(AuthorityTransfer t, string? authority) => new(t.Id, t.ChildId, t.FromAuthority, t.ToAuthority,
        authority is null ? null : Domain.Lifecycle.Compartments.SameAuthority(authority, t.ToAuthority) ? "in" : "out",
        t.Status.ToString(), t.Origin, t.ProposedAt, t.AcceptedByFrom is not null, t.AcceptedByTo is not null);

    /// <summary>The authority a caller acts for: null for the national team; a data manager without an authority may not act.</summary>
    private static bool TryActingFor(HttpContext http, out Dashboard.Viewer? viewer, out string? authority)
    {
        viewer = ApiIdentity.Of(http);
        authority = viewer is { IsNational: false } ? viewer.LocalAuthority : null;
        return viewer is not null && (viewer.IsNational || authority is not null);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        if (!TryActingFor(http, out var viewer, out var authority))
        {
            return Results.Forbid();
        }

        var pending = await Service(http).PendingForAsync(authority, ct);
        await using (var db = databases.Create())
        {
            db.AddAudit(LifecycleIntake.Audit(clock.GetUtcNow(), viewer!.UserName, "transfers.listed", new { count = pending.Count, scope = viewer.Scope }, outcome: "viewed"));
            await db.SaveChangesAsync(ct);
        }

        return Results.Ok(pending.Select(t => Response(t, authority)).ToList());
    }

    private static async Task<IResult> RunAsync(HttpContext http, Func<string?, string, Task<TransferCommandResult>> command)
    {
        if (!TryActingFor(http, out var viewer, out var authority))
        {
            return Results.NotFound();
        }

        var result = await command(authority, viewer!.UserName);
        return result.Status switch
        {
            LifecycleCommandStatus.NotFound => Results.NotFound(),
            LifecycleCommandStatus.Refused => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: result.Problem),
            _ => Results.Ok(Response(result.Transfer!, authority)),
        };
    }
}
