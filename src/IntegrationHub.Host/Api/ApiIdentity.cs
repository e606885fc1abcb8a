using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Api;

/// <summary>
/// Who is asking the hub's HTTP API, and what they may read. People use the dashboard's sign-in cookie; machine clients
/// send the same hub account with HTTP Basic (`Authorization: Basic base64(user:password)`, over TLS in production).
/// Both give the same <see cref="Viewer"/>: role and local authority. See docs/operations.md, "API authentication".
/// </summary>
public static class ApiIdentity
{
    /// <summary>The scheme endpoints ask for: forwards to Basic when the request carries it, else to the cookie.</summary>
    public const string Scheme = "hub";

    public const string BasicScheme = "Basic";

    /// <summary>The signed-in caller (cookie or Basic), or null when the request is not authenticated.</summary>
    public static Viewer? Of(HttpContext http) => http.User.Identity?.IsAuthenticated == true ? Viewer.From(http.User) : null;

    /// <summary>
    /// The rule for reading a child record: the national team reads every child; a data manager reads a child when at
    /// least one fragment linked to it comes from a source of their own local authority, or when the record is assigned to
    /// their authority (its responsible authority, ADR 0011). A child outside both is answered as if it did not exist (404).
    /// </summary>
    public static async Task<bool> CanReadChildAsync(HubDbContext db, Viewer viewer, Guid childId, CancellationToken cancellationToken)
    {
        if (viewer.IsNational)
        {
            return await db.Set<ChildRecord>().AnyAsync(c => c.Id == childId, cancellationToken);
        }

        var responsible = await db.Set<Persistence.Lifecycle.ChildLifecycleState>().AsNoTracking()
            .Where(s => s.ChildId == childId).Select(s => s.ResponsibleAuthority).FirstOrDefaultAsync(cancellationToken);
        if (responsible is not null && string.Equals(responsible, viewer.LocalAuthority, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var ownSources = await OwnSourceIdsAsync(db, viewer, cancellationToken);
        return await db.Set<ChildLink>().Where(l => l.ChildId == childId)
            .Join(db.ChildFragments, l => l.FragmentId, f => f.Id, (l, f) => f.SourceId)
            .AnyAsync(s => ownSources.Contains(s), cancellationToken);
    }

    /// <summary>The ids of the sources a data manager's authority owns (compared ignoring case, as <see cref="Viewer.CanSee"/>).</summary>
    public static async Task<List<string>> OwnSourceIdsAsync(HubDbContext db, Viewer viewer, CancellationToken cancellationToken) =>
        (await db.Sources.AsNoTracking().ToListAsync(cancellationToken)).Where(viewer.CanSee).Select(s => s.Id).ToList();

    internal static void AddApiAuthentication(this AuthenticationBuilder authentication) =>
        authentication
            .AddPolicyScheme(Scheme, "Cookie or Basic", o => o.ForwardDefaultSelector = ctx =>
                AuthenticationHeaderValue.TryParse(ctx.Request.Headers.Authorization.ToString(), out var header)
                && string.Equals(header.Scheme, BasicScheme, StringComparison.OrdinalIgnoreCase)
                    ? BasicScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicHandler>(BasicScheme, null);

    /// <summary>
    /// HTTP Basic against the hub's accounts. Every call is checked against the stored PBKDF2 hash and audited as
    /// `account.sign-in` (a machine client's access is as visible as a person's); a refusal is a 401 with a challenge.
    /// </summary>
    private sealed class BasicHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountStore accounts)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
                || !string.Equals(header.Scheme, BasicScheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            {
                return AuthenticateResult.NoResult();
            }

            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            }
            catch (FormatException)
            {
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }

            var viewer = await accounts.SignInAsync(decoded[..colon], decoded[(colon + 1)..], Context.RequestAborted);
            return viewer is null
                ? AuthenticateResult.Fail("Wrong user name or password.")
                : AuthenticateResult.Success(new AuthenticationTicket(viewer.ToPrincipal(BasicScheme), BasicScheme));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Basic realm=\"IntegrationHub\", charset=\"UTF-8\"";
            return Task.CompletedTask;
        }
    }
}
