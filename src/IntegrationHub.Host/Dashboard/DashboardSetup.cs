using IntegrationHub.Host.Api;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Pipeline.Lifecycle;
using IntegrationHub.Pipeline.Sources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// The feed-health dashboard (pages under /dashboard) and its JSON API (/api/dashboard, described at
/// /openapi/v1.json), served by `hub serve`. Signed-in users only; what each may see is decided by <see cref="Viewer"/>.
/// </summary>
public static class DashboardSetup
{
    public static void AddHubDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<BrokerStatus>();
        services.AddTransient<FeedHealth>();
        services.AddTransient<ReviewQueue>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<DeadLetterReprocessor>();
        services.AddHttpClient(nameof(AlertMonitor), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());

        services.AddAuthentication(Api.ApiIdentity.Scheme).AddCookie(o =>
        {
            o.Cookie.Name = "hub.dashboard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/dashboard/sign-in";
            // The API answers 401/403; only pages send a person to the sign-in form.
            o.Events.OnRedirectToLogin = ctx => Answer(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx, StatusCodes.Status403Forbidden);
        }).AddApiAuthentication();
        services.AddAuthorization();
        services.AddAntiforgery(o => o.Cookie.Name = "hub.antiforgery");
        services.AddOpenApi();
    }

    public static void MapHubDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription();

        var pages = app.MapGroup("/dashboard").ExcludeFromDescription();
        pages.MapGet("/sign-in", (HttpContext ctx, IAntiforgery af, string? returnUrl) => HtmlResult(ctx, Pages.SignIn(Token(ctx, af), null, returnUrl))).AllowAnonymous();
        pages.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        pages.MapPost("/sign-out", SignOutAsync).RequireAuthorization();
        pages.MapGet("", OverviewPageAsync).RequireAuthorization();
        pages.MapGet("/overview.csv", OverviewCsvAsync).RequireAuthorization();
        pages.MapGet("/sources/{id}", SourcePageAsync).RequireAuthorization();
        pages.MapGet("/sources/{id}/export.csv", SourceCsvAsync).RequireAuthorization();
        pages.MapPost("/sources/{id}/status", SetStatusAsync).RequireAuthorization();
        pages.MapPost("/sources/{id}/alert-rules", SetAlertRulesAsync).RequireAuthorization();
        pages.MapGet("/dead-letters", DeadLettersPageAsync).RequireAuthorization();
        pages.MapGet("/dead-letters.csv", DeadLettersCsvAsync).RequireAuthorization();
        pages.MapPost("/dead-letters/reprocess", ReprocessDeadLettersAsync).RequireAuthorization();
        pages.MapPost("/dead-letters/{id:long}/reprocess", ReprocessDeadLetterAsync).RequireAuthorization();
        pages.MapGet("/review", ReviewListPageAsync).RequireAuthorization();
        pages.MapGet("/review.csv", ReviewCsvAsync).RequireAuthorization();
        pages.MapGet("/review/{id:guid}", ReviewItemPageAsync).RequireAuthorization();
        pages.MapPost("/review/{id:guid}/resolve", ResolveReviewAsync).RequireAuthorization();
        pages.MapGet("/transfers", TransfersPageAsync).RequireAuthorization();
        pages.MapGet("/transfers.csv", TransfersCsvAsync).RequireAuthorization();
        pages.MapPost("/transfers/{id:guid}/accept", (Guid id, HttpContext ctx, IAntiforgery af, CompartmentService compartments, IHubDbContextFactory databases, TimeProvider clock) =>
            DecideTransferAsync(ctx, af, compartments, databases, clock, (actingFor, actor) => compartments.AcceptAsync(id, actingFor, actor, ctx.RequestAborted), "accepted")).RequireAuthorization();
        pages.MapPost("/transfers/{id:guid}/decline", (Guid id, HttpContext ctx, IAntiforgery af, CompartmentService compartments, IHubDbContextFactory databases, TimeProvider clock) =>
            DecideTransferAsync(ctx, af, compartments, databases, clock, (actingFor, actor) => compartments.DeclineAsync(id, actingFor, actor, ctx.RequestAborted), "declined")).RequireAuthorization();

        var api = app.MapGroup("/api/dashboard").RequireAuthorization().WithTags("Feed health");
        api.MapGet("/overview", async Task<Ok<Overview>> (HttpContext ctx, FeedHealth health) =>
                TypedResults.Ok(await health.OverviewAsync(Viewer.From(ctx.User), ctx.RequestAborted)))
            .WithSummary("Every feed the signed-in user may see, with its health and counts");
        api.MapGet("/sources/{id}", async Task<Results<Ok<SourceDetail>, NotFound>> (string id, HttpContext ctx, FeedHealth health) =>
                await health.DetailAsync(Viewer.From(ctx.User), id, ctx.RequestAborted) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound())
            .WithSummary("One feed: charts' data, top rejection reasons, open involvements, alert rules. 404 for a feed of another authority");
        api.MapGet("/dead-letters", async Task<Ok<IReadOnlyList<DeadLetterRow>>> (HttpContext ctx, FeedHealth health, int? limit) =>
                TypedResults.Ok(await health.DeadLettersAsync(Viewer.From(ctx.User), Math.Clamp(limit ?? 500, 1, 5000), ctx.RequestAborted)))
            .WithSummary("Dead letters of the user's feeds (the national team also sees unattributed ones), newest first");
        api.MapPost("/dead-letters/reprocess", async Task<Results<Ok<ReprocessReport>, ForbidHttpResult>> (HttpContext ctx, DeadLetterReprocessor reprocessor) =>
                Viewer.From(ctx.User) is { IsNational: true } viewer
                    ? TypedResults.Ok(await reprocessor.ReprocessAllAsync(viewer.UserName, ctx.RequestAborted))
                    : TypedResults.Forbid())
            .WithSummary("National team: take every message on the dead-letter queue through the intake again, in queue order (audited; nothing is applied twice)");
        api.MapPost("/dead-letters/{id:long}/reprocess", async Task<Results<Ok<ReprocessReport>, NotFound>> (long id, HttpContext ctx, FeedHealth health, DeadLetterReprocessor reprocessor) =>
                Viewer.From(ctx.User) is var viewer && await health.CanSeeDeadLetterAsync(viewer, id, ctx.RequestAborted)
                    ? TypedResults.Ok(await reprocessor.ReprocessOneAsync(id, viewer.UserName, ctx.RequestAborted))
                    : TypedResults.NotFound())
            .WithSummary("One dead letter through the intake again, after the earlier dead letters about the same child from the same publisher (audited; nothing is applied twice). 404 for another authority's");
    }

    /// <summary>The whole queue, in order, by the national team only: one authority's data manager may not move another's messages.</summary>
    private static async Task<IResult> ReprocessDeadLettersAsync(HttpContext ctx, IAntiforgery af, DeadLetterReprocessor reprocessor, FeedHealth health, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        if (!await ValidAsync(ctx, af))
        {
            return Expired(ctx, af, viewer);
        }

        if (!viewer.IsNational)
        {
            return Problem(ctx, af, viewer, StatusCodes.Status403Forbidden, "Only the national team reprocesses the dead-letter queue: it holds every authority's messages, taken in order.");
        }

        var report = await reprocessor.ReprocessAllAsync(viewer.UserName, ctx.RequestAborted);
        return HtmlResult(ctx, Pages.DeadLetters(await health.DeadLettersAsync(viewer, 500, ctx.RequestAborted), viewer, Token(ctx, af), clock.GetUtcNow(), report));
    }

    /// <summary>One message, by anyone who may see it: the messages ahead of it stay where they are (see <see cref="DeadLetterReprocessor"/>).</summary>
    private static async Task<IResult> ReprocessDeadLetterAsync(long id, HttpContext ctx, IAntiforgery af, DeadLetterReprocessor reprocessor, FeedHealth health, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        if (!await ValidAsync(ctx, af))
        {
            return Expired(ctx, af, viewer);
        }

        if (!await health.CanSeeDeadLetterAsync(viewer, id, ctx.RequestAborted))
        {
            return Problem(ctx, af, viewer, StatusCodes.Status404NotFound, "There is no such dead letter among your feeds'.");
        }

        var report = await reprocessor.ReprocessOneAsync(id, viewer.UserName, ctx.RequestAborted);
        return HtmlResult(ctx, Pages.DeadLetters(await health.DeadLettersAsync(viewer, 500, ctx.RequestAborted), viewer, Token(ctx, af), clock.GetUtcNow(), report));
    }

    /// <summary>The pending transfers of the viewer's authority (all, for the national team); the view is audited like the API's.</summary>
    private static async Task<IResult> TransfersPageAsync(HttpContext ctx, IAntiforgery af, CompartmentService compartments, IHubDbContextFactory databases, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        var (transfers, shielded) = await CompartmentsApi.ListAsync(viewer, compartments, databases, clock, "viewed", ctx.RequestAborted);
        return HtmlResult(ctx, TransferPages.List(transfers, shielded, viewer, Token(ctx, af), clock.GetUtcNow(), null));
    }

    private static async Task<IResult> TransfersCsvAsync(HttpContext ctx, CompartmentService compartments, IHubDbContextFactory databases, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        var (transfers, shielded) = await CompartmentsApi.ListAsync(viewer, compartments, databases, clock, "exported", ctx.RequestAborted);
        await AuditExportAsync(databases, clock, viewer, "transfers", ctx.RequestAborted);
        return Results.File(DashboardCsv.Transfers(transfers, shielded, viewer), "text/csv; charset=utf-8", $"transfers-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmm}.csv");
    }

    /// <summary>Accept or decline for the viewer's own authority (the service decides who may, and audits it); the page again with the outcome.</summary>
    private static async Task<IResult> DecideTransferAsync(HttpContext ctx, IAntiforgery af, CompartmentService compartments, IHubDbContextFactory databases, TimeProvider clock,
        Func<string?, string, Task<TransferCommandResult>> decide, string done)
    {
        var viewer = Viewer.From(ctx.User);
        if (!await ValidAsync(ctx, af))
        {
            return Expired(ctx, af, viewer);
        }

        var result = viewer.IsNational || viewer.LocalAuthority is null
            ? new TransferCommandResult(LifecycleCommandStatus.Refused, CompartmentService.OnlyTheTwoAuthorities)
            : await decide(viewer.LocalAuthority, viewer.UserName);
        if (result.Status == LifecycleCommandStatus.NotFound)
        {
            return HtmlResult(ctx, Pages.NotFound(viewer, Token(ctx, af)), StatusCodes.Status404NotFound);
        }

        var message = result.Status == LifecycleCommandStatus.Refused
            ? result.Problem
            : result.Transfer!.Status == Persistence.Lifecycle.AuthorityTransferStatus.Completed
                ? $"Transfer {done}: both authorities have accepted, and the record now belongs to the receiving authority."
                : $"Transfer {done}.";
        var (transfers, shielded) = await CompartmentsApi.ListAsync(viewer, compartments, databases, clock, "viewed", ctx.RequestAborted);
        return HtmlResult(ctx, TransferPages.List(transfers, shielded, viewer, Token(ctx, af), clock.GetUtcNow(), message, result.Status == LifecycleCommandStatus.Refused),
            result.Status == LifecycleCommandStatus.Refused ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || !HttpMethods.IsGet(ctx.Request.Method))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static async Task<IResult> SignInAsync(HttpContext ctx, IAntiforgery af, AccountStore accounts)
    {
        if (!await ValidAsync(ctx, af))
        {
            return Expired(ctx, af, null);
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        var viewer = await accounts.SignInAsync(form["user"].ToString(), form["password"].ToString(), ctx.RequestAborted);
        if (viewer is null)
        {
            return HtmlResult(ctx, Pages.SignIn(Token(ctx, af), "Wrong user name or password.", returnUrl), StatusCodes.Status401Unauthorized);
        }

        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, viewer.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        // Only a local path: an open redirect would let a link carry a signed-in user anywhere.
        return Results.Redirect(returnUrl.StartsWith("/dashboard", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/dashboard");
    }

    private static async Task<IResult> SignOutAsync(HttpContext ctx, IAntiforgery af)
    {
        if (!await ValidAsync(ctx, af))
        {
            return Expired(ctx, af, Viewer.From(ctx.User));
        }

        await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/dashboard/sign-in");
    }

    private static async Task<IResult> OverviewPageAsync(HttpContext ctx, IAntiforgery af, FeedHealth health)
    {
        var viewer = Viewer.From(ctx.User);
        return HtmlResult(ctx, Pages.Overview(await health.OverviewAsync(viewer, ctx.RequestAborted), viewer, Token(ctx, af)));
    }

    private static async Task<IResult> SourcePageAsync(string id, HttpContext ctx, IAntiforgery af, FeedHealth health, TimeProvider clock, string? done)
    {
        var viewer = Viewer.From(ctx.User);
        var detail = await health.DetailAsync(viewer, id, ctx.RequestAborted);
        if (detail is null)
        {
            return HtmlResult(ctx, Pages.NotFound(viewer, Token(ctx, af)), StatusCodes.Status404NotFound);
        }

        var message = done switch
        {
            "Suspended" => "Feed suspended. Its messages are now rejected with reason source.suspended, telling the source to resend after resumption.",
            "Accredited" => "Feed resumed. Its messages are accepted again; the source should resend what it sent while suspended.",
            "Terminated" => "Feed terminated. Its messages are rejected with reason source.terminated.",
            "rules" => "Alert rules saved.",
            _ => null,
        };
        return HtmlResult(ctx, Pages.Source(detail, viewer, Token(ctx, af), clock.GetUtcNow(), message));
    }

    /// <summary>
    /// A form posted about one feed: the antiforgery token checked and the feed found among those the user may see;
    /// otherwise the answer to give instead (the expired-form page, or not found).
    /// </summary>
    private static async Task<(Viewer Viewer, Source Source, IResult? Refused)> SourceFormAsync(string id, HttpContext ctx, IAntiforgery af, FeedHealth health)
    {
        var viewer = Viewer.From(ctx.User);
        if (!await ValidAsync(ctx, af))
        {
            return (viewer, null!, Expired(ctx, af, viewer));
        }

        return await health.FindAsync(viewer, id, ctx.RequestAborted) is { } source
            ? (viewer, source, null)
            : (viewer, null!, HtmlResult(ctx, Pages.NotFound(viewer, Token(ctx, af)), StatusCodes.Status404NotFound));
    }

    private static async Task<IResult> SetStatusAsync(string id, HttpContext ctx, IAntiforgery af, FeedHealth health, SourceRegistry registry)
    {
        var (viewer, source, refused) = await SourceFormAsync(id, ctx, af, health);
        if (refused is not null)
        {
            return refused;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var reason = form["reason"].ToString().Trim();
        if (!Enum.TryParse<SourceStatus>(form["status"].ToString(), out var status) || !Enum.IsDefined(status)
            || reason.Length is 0 or > 1000
            || (status == SourceStatus.Terminated && form["confirm"].ToString() != "yes"))
        {
            return Problem(ctx, af, viewer, StatusCodes.Status400BadRequest, "A status, a reason (up to 1,000 characters) and, to terminate, the confirmation are needed.");
        }

        if (source.Status == SourceStatus.Terminated)
        {
            return Problem(ctx, af, viewer, StatusCodes.Status409Conflict, "A terminated feed is not resumed from the dashboard: register the new data supply agreement again (hub sources add).");
        }

        await registry.SetStatusAsync(source.Id, status, reason, viewer.UserName, ctx.RequestAborted);
        return Results.Redirect($"/dashboard/sources/{Uri.EscapeDataString(source.Id)}?done={status}", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SetAlertRulesAsync(string id, HttpContext ctx, IAntiforgery af, FeedHealth health, IHubDbContextFactory databases, TimeProvider clock)
    {
        var (viewer, source, refused) = await SourceFormAsync(id, ctx, af, health);
        if (refused is not null)
        {
            return refused;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        int? hours = null;
        double? percent = null;
        int? reviewDays = null;
        if ((form["noMessagesHours"].ToString() is { Length: > 0 } h && (!int.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var parsedHours) || parsedHours < 1 || (hours = parsedHours) is null))
            || (form["rejectionRatePercent"].ToString() is { Length: > 0 } p && (!double.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var parsedPercent) || parsedPercent is < 0 or > 100 || (percent = parsedPercent) is null))
            || (form["reviewQueueDays"].ToString() is { Length: > 0 } d && (!int.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, out var parsedDays) || parsedDays < 1 || (reviewDays = parsedDays) is null)))
        {
            return Problem(ctx, af, viewer, StatusCodes.Status400BadRequest, "Hours and days must be whole numbers of at least 1, the rate a percentage from 0 to 100.");
        }

        await using var db = databases.Create();
        var rule = await db.Set<AlertRule>().FindAsync([source.Id], ctx.RequestAborted);
        if (rule is null)
        {
            rule = new AlertRule { SourceId = source.Id };
            db.Set<AlertRule>().Add(rule);
        }

        rule.NoMessagesHours = hours;
        rule.RejectionRatePercent = percent;
        rule.DeadLetters = form["deadLetters"].ToString() == "true";
        rule.ReviewQueueDays = reviewDays;
        rule.UpdatedAt = clock.GetUtcNow();
        rule.UpdatedBy = viewer.UserName;
        db.AddAudit(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = viewer.UserName,
            Action = "alert.rules",
            SourceId = source.Id,
            Outcome = "done",
            Detail = $"no messages: {hours?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"} h; rejection rate: {percent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"} %; dead letters: {(rule.DeadLetters ? "on" : "off")}; review queue: {reviewDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"} days",
        });
        await db.SaveChangesAsync(ctx.RequestAborted);
        return Results.Redirect($"/dashboard/sources/{Uri.EscapeDataString(source.Id)}?done=rules");
    }

    private static async Task<IResult> DeadLettersPageAsync(HttpContext ctx, IAntiforgery af, FeedHealth health, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        return HtmlResult(ctx, Pages.DeadLetters(await health.DeadLettersAsync(viewer, 500, ctx.RequestAborted), viewer, Token(ctx, af), clock.GetUtcNow()));
    }

    private static async Task<IResult> ReviewListPageAsync(HttpContext ctx, IAntiforgery af, ReviewQueue queue, TimeProvider clock, string? done)
    {
        var viewer = Viewer.From(ctx.User);
        var message = done switch
        {
            "link" => "Linked to the chosen record. The source has its final receipt and the review outcome.",
            "new" => "A new record was created for it. The source has its final receipt and the review outcome.",
            "unusable" => "Reported to the source as unusable, with your note.",
            _ => null,
        };
        return HtmlResult(ctx, ReviewPages.List(await queue.ListAsync(viewer, ctx.RequestAborted), viewer, Token(ctx, af), clock.GetUtcNow(), message));
    }

    private static async Task<IResult> ReviewItemPageAsync(Guid id, HttpContext ctx, IAntiforgery af, ReviewQueue queue, TimeProvider clock, string? reason)
    {
        var viewer = Viewer.From(ctx.User);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return HtmlResult(ctx, ReviewPages.Reason(id, viewer, Token(ctx, af), null));
        }

        reason = reason.Length > 500 ? reason[..500] : reason;
        var item = await queue.ViewAsync(viewer, id, reason, ctx.RequestAborted);
        return item is null
            ? HtmlResult(ctx, Pages.NotFound(viewer, Token(ctx, af)), StatusCodes.Status404NotFound)
            : HtmlResult(ctx, ReviewPages.Item(item, viewer, Token(ctx, af), clock.GetUtcNow(), reason, null));
    }

    private static async Task<IResult> ResolveReviewAsync(Guid id, HttpContext ctx, IAntiforgery af, ReviewQueue queue)
    {
        var viewer = Viewer.From(ctx.User);
        if (!await ValidAsync(ctx, af))
        {
            return Expired(ctx, af, viewer);
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var choice = form["resolution"].ToString();
        var note = form["note"].ToString().Trim();
        Persistence.Linking.ReviewResolution? resolution = choice switch
        {
            "link" => Persistence.Linking.ReviewResolution.Linked,
            "new" => Persistence.Linking.ReviewResolution.NewRecord,
            "unusable" when note.Length is > 0 and <= 1000 => Persistence.Linking.ReviewResolution.Unusable,
            _ => null,
        };
        if (resolution is null)
        {
            return Problem(ctx, af, viewer, StatusCodes.Status400BadRequest, "Choose link, new record, or unusable with a note for the source (up to 1,000 characters).");
        }

        Guid? childId = Guid.TryParse(form["childId"].ToString(), out var parsed) ? parsed : null;
        var result = await queue.ResolveAsync(viewer, id, resolution.Value, childId, resolution == Persistence.Linking.ReviewResolution.Unusable ? note : null, ctx.RequestAborted);
        return result.Status switch
        {
            Pipeline.Linking.ReviewResolutionStatus.NotFound => HtmlResult(ctx, Pages.NotFound(viewer, Token(ctx, af)), StatusCodes.Status404NotFound),
            Pipeline.Linking.ReviewResolutionStatus.Resolved => Results.Redirect($"/dashboard/review?done={choice}"),
            Pipeline.Linking.ReviewResolutionStatus.AlreadyResolved => Problem(ctx, af, viewer, StatusCodes.Status409Conflict, result.Problem ?? "Already resolved."),
            _ => Problem(ctx, af, viewer, StatusCodes.Status400BadRequest, result.Problem ?? "Not done."),
        };
    }

    private static async Task<IResult> OverviewCsvAsync(HttpContext ctx, FeedHealth health, IHubDbContextFactory databases, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        var overview = await health.OverviewAsync(viewer, ctx.RequestAborted);
        await AuditExportAsync(databases, clock, viewer, "overview", ctx.RequestAborted);
        return Results.File(DashboardCsv.Overview(overview), "text/csv; charset=utf-8", $"feeds-{overview.At.UtcDateTime:yyyyMMdd-HHmm}.csv");
    }

    private static async Task<IResult> SourceCsvAsync(string id, HttpContext ctx, FeedHealth health, IHubDbContextFactory databases, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        if (await health.DetailAsync(viewer, id, ctx.RequestAborted) is not { } detail)
        {
            return Results.NotFound();
        }

        await AuditExportAsync(databases, clock, viewer, $"source {detail.Feed.SourceId}", ctx.RequestAborted);
        return Results.File(DashboardCsv.Source(detail), "text/csv; charset=utf-8", $"feed-{detail.Feed.SourceId}-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmm}.csv");
    }

    private static async Task<IResult> ReviewCsvAsync(HttpContext ctx, ReviewQueue queue, IHubDbContextFactory databases, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        var rows = await queue.ListAsync(viewer, ctx.RequestAborted);
        await AuditExportAsync(databases, clock, viewer, "review queue", ctx.RequestAborted);
        return Results.File(DashboardCsv.Review(rows), "text/csv; charset=utf-8", $"review-queue-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmm}.csv");
    }

    private static async Task<IResult> DeadLettersCsvAsync(HttpContext ctx, FeedHealth health, IHubDbContextFactory databases, TimeProvider clock)
    {
        var viewer = Viewer.From(ctx.User);
        var rows = await health.DeadLettersAsync(viewer, 100_000, ctx.RequestAborted);
        await AuditExportAsync(databases, clock, viewer, "dead-letters", ctx.RequestAborted);
        return Results.File(DashboardCsv.DeadLetters(rows), "text/csv; charset=utf-8", $"dead-letters-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmm}.csv");
    }

    // Statutory guidance 4.24: downloaded reports are to be handled securely, so who downloaded what is kept.
    private static async Task AuditExportAsync(IHubDbContextFactory databases, TimeProvider clock, Viewer viewer, string what, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        db.AddAudit(new AuditEntry { At = clock.GetUtcNow(), Actor = viewer.UserName, Action = "dashboard.export", Outcome = "done", Detail = $"{what} ({viewer.Scope})" });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<bool> ValidAsync(HttpContext ctx, IAntiforgery af)
    {
        try
        {
            await af.ValidateRequestAsync(ctx);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static IResult Expired(HttpContext ctx, IAntiforgery af, Viewer? viewer) =>
        viewer is null
            ? HtmlResult(ctx, Pages.SignIn(Token(ctx, af), "The form had expired; please sign in again.", null), StatusCodes.Status400BadRequest)
            : Problem(ctx, af, viewer, StatusCodes.Status400BadRequest, "The form had expired or did not come from this site; go back, reload the page and try again.");

    private static IResult Problem(HttpContext ctx, IAntiforgery af, Viewer viewer, int status, string text) =>
        HtmlResult(ctx, Html.Page("Not done", viewer, $"<p class=\"error\" role=\"alert\">{Html.E(text)}</p><p><a href=\"/dashboard\">All your feeds</a></p>", Token(ctx, af)), status);

    private static string Token(HttpContext ctx, IAntiforgery af) => af.GetAndStoreTokens(ctx).RequestToken!;

    private static IResult HtmlResult(HttpContext ctx, string html, int status = StatusCodes.Status200OK)
    {
        // No script at all, styles inline, forms only to this site, never framed.
        ctx.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        ctx.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
