using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Pipeline.Lifecycle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

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
        transfers.MapGet("/", GetPendingAsync).WithSummary("Transfers pending for my authority (in and out); the national team sees all; audited");
        transfers.MapPost("/{transferId:guid}/accept", (Guid transferId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, (actingFor, actor) => Service(http).AcceptAsync(transferId, actingFor, actor, ct)))
            .WithSummary("Accept a transfer for my authority; the record moves once both authorities have");
        transfers.MapPost("/{transferId:guid}/decline", (Guid transferId, HttpContext http, CancellationToken ct) =>
            RunAsync(http, (actingFor, actor) => Service(http).DeclineAsync(transferId, actingFor, actor, ct)))
            .WithSummary("Decline (or, as its proposer, withdraw) a pending transfer; the record stays");
        app.MapPost("/api/children/{childId:guid}/transfers", async (Guid childId, [FromBody] ProposeRequest body, HttpContext http, IHubDbContextFactory databases, CancellationToken ct) =>
            {
                // Only a record the caller may read can be proposed: else "ask for it to come to me" would tell any authority
                // where a child is (the reply names the record's authority) and file a transfer it should never see.
                await using (var db = databases.Create())
                {
                    if (ApiIdentity.Of(http) is not { } caller || !await ApiIdentity.CanReadChildAsync(db, caller, childId, ct))
                    {
                        return Results.NotFound();
                    }
                }

                return await RunAsync(http, (actingFor, actor) => Service(http).ProposeAsync(childId, body.ToAuthority, actingFor, actor, ct));
            })
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

    /// <summary>What a data manager is shown of a shielded record's transfer in place of the other authority.</summary>
    public const string Withheld = "(withheld: shielded record)";

    /// <summary>
    /// The two authorities as <paramref name="authority"/> may see them: for a shielded record (002 4.63-4.69: no whereabouts
    /// or locality) a data manager sees only their own side, never where the child lives now or lived before; the national
    /// team (null) sees both.
    /// </summary>
    public static (string From, string To) Authorities(AuthorityTransfer t, string? authority, bool shielded) =>
        !shielded || authority is null ? (t.FromAuthority, t.ToAuthority)
        : Domain.Lifecycle.Compartments.SameAuthority(authority, t.ToAuthority) ? (Withheld, t.ToAuthority) : (t.FromAuthority, Withheld);

    /// <summary>Which of these records are shielded now.</summary>
    public static async Task<HashSet<Guid>> ShieldedAsync(IHubDbContextFactory databases, IEnumerable<Guid> childIds, CancellationToken cancellationToken)
    {
        var ids = childIds.Distinct().ToList();
        await using var db = databases.Create();
        return [.. await db.Set<Persistence.Linking.ChildRecord>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.Shielded).Select(c => c.Id).ToListAsync(cancellationToken)];
    }

    /// <summary>"in" or "out" for a data manager of <paramref name="authority"/>, null for the national team (null authority).</summary>
    public static string? Direction(AuthorityTransfer t, string? authority) =>
        authority is null ? null : Domain.Lifecycle.Compartments.SameAuthority(authority, t.ToAuthority) ? "in" : "out";

    /// <summary>The authority a viewer acts for in compartments: null for the national team.</summary>
    public static string? ActingFor(Dashboard.Viewer viewer) => viewer.IsNational ? null : viewer.LocalAuthority;

    /// <summary>
    /// The pending transfers <paramref name="viewer"/> takes part in (all, for the national team), with which of their records
    /// are shielded; the listing is audited (<paramref name="outcome"/>: viewed or exported). API, page and CSV alike.
    /// </summary>
    public static async Task<(IReadOnlyList<AuthorityTransfer> Pending, HashSet<Guid> Shielded)> ListAsync(
        Dashboard.Viewer viewer, CompartmentService compartments, IHubDbContextFactory databases, TimeProvider clock, string outcome, CancellationToken cancellationToken)
    {
        // A data manager without an authority belongs to no compartment: nothing to list.
        if (!viewer.IsNational && viewer.LocalAuthority is null)
        {
            return ([], []);
        }

        var pending = await compartments.PendingForAsync(ActingFor(viewer), cancellationToken);
        await using (var db = databases.Create())
        {
            db.AddAudit(LifecycleIntake.Audit(clock.GetUtcNow(), viewer.UserName, "transfers.listed", new { count = pending.Count, scope = viewer.Scope }, outcome: outcome));
            await db.SaveChangesAsync(cancellationToken);
        }

        return (pending, await ShieldedAsync(databases, pending.Select(t => t.ChildId), cancellationToken));
    }

    private static TransferResponse Response(AuthorityTransfer t, string? authority, bool shielded)
    {
        var (from, to) = Authorities(t, authority, shielded);
        return new(t.Id, t.ChildId, from, to, Direction(t, authority),
            t.Status.ToString(), t.Origin, t.ProposedAt, t.AcceptedByFrom is not null, t.AcceptedByTo is not null);
    }

    /// <summary>The authority a caller acts for: null for the national team; a data manager without an authority may not act.</summary>
    private static bool TryActingFor(HttpContext http, out Dashboard.Viewer? viewer, out string? authority)
    {
        viewer = ApiIdentity.Of(http);
        authority = viewer is null ? null : ActingFor(viewer);
        return viewer is not null && (viewer.IsNational || authority is not null);
    }

    private static async Task<IResult> GetPendingAsync(HttpContext http, IHubDbContextFactory databases, TimeProvider clock, CancellationToken ct)
    {
        if (!TryActingFor(http, out var viewer, out var authority))
        {
            return Results.Forbid();
        }

        var (pending, shielded) = await ListAsync(viewer!, Service(http), databases, clock, "viewed", ct);
        return Results.Ok(pending.Select(t => Response(t, authority, shielded.Contains(t.ChildId))).ToList());
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
            _ => Results.Ok(Response(result.Transfer!, authority,
                (await ShieldedAsync(http.RequestServices.GetRequiredService<IHubDbContextFactory>(), [result.Transfer!.ChildId], CancellationToken.None)).Count > 0)),
        };
    }
}
