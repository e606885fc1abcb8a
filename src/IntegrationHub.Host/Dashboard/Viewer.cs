using System.Security.Claims;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// The signed-in user and what they may see. Every query of the dashboard goes through <see cref="CanSee"/>:
/// a data manager sees only the sources of their own local authority; the national team sees all.
/// </summary>
public sealed record Viewer(string UserName, AccountRole Role, string? LocalAuthority)
{
    public const string AuthorityClaim = "hub:authority";

    public bool IsNational => Role == AccountRole.NationalTeam;

    public bool CanSee(Source source) =>
        IsNational || (LocalAuthority is not null && string.Equals(source.LocalAuthority, LocalAuthority, StringComparison.OrdinalIgnoreCase));

    /// <summary>Dead letters no source could be found for belong to no authority: only the national team sees them.</summary>
    public bool CanSeeUnattributed => IsNational;

    public string Scope => IsNational ? "all local authorities" : LocalAuthority ?? "(none)";

    public static Viewer From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("Not signed in."),
        Enum.Parse<AccountRole>(user.FindFirstValue(ClaimTypes.Role) ?? nameof(AccountRole.DataManager)),
        user.FindFirstValue(AuthorityClaim));

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, UserName), new(ClaimTypes.Role, Role.ToString()) };
        if (LocalAuthority is not null)
        {
            claims.Add(new Claim(AuthorityClaim, LocalAuthority));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
