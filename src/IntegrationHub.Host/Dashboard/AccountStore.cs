using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Host.Dashboard;

/// <summary>Dashboard accounts: created by `hub accounts add`, checked at sign-in. Both are audited.</summary>
public sealed class AccountStore(IHubDbContextFactory databases, TimeProvider clock)
{
    public const int MinimumPasswordLength = 12;

    // PBKDF2 (HMAC-SHA512, 100,000 iterations in the v3 format), salted, with the algorithm in the hash so it can be raised later.
    private static readonly PasswordHasher<Account> Hasher = new();
    private static readonly string UnknownUserHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public async Task AddAsync(string userName, AccountRole role, string? localAuthority, string password, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new ArgumentException("A user name is required.", nameof(userName));
        }

        if (role == AccountRole.DataManager && string.IsNullOrWhiteSpace(localAuthority))
        {
            throw new ArgumentException("A data manager needs --authority: the local authority whose feeds they review.", nameof(localAuthority));
        }

        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"The password must have at least {MinimumPasswordLength} characters.", nameof(password));
        }

        await using var db = databases.Create();
        var account = await db.Set<Account>().FindAsync([userName], cancellationToken);
        if (account is null)
        {
            account = new Account { UserName = userName, PasswordHash = string.Empty, CreatedAt = clock.GetUtcNow() };
            db.Set<Account>().Add(account);
        }

        account.Role = role;
        account.LocalAuthority = role == AccountRole.NationalTeam ? null : localAuthority;
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.AddAudit(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = "account.add",
            Outcome = "done",
            Detail = $"{userName}: {role}{(account.LocalAuthority is null ? string.Empty : " of " + account.LocalAuthority)}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The viewer for a correct user name and password, else null. Every attempt is audited.</summary>
    public async Task<Viewer?> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var account = await db.Set<Account>().AsNoTracking().SingleOrDefaultAsync(a => a.UserName == userName, cancellationToken);
        // An unknown user costs the same hash check as a known one, so timing does not tell which user names exist.
        var ok = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? UnknownUserHash, password) != PasswordVerificationResult.Failed && account is not null;
        db.AddAudit(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = userName.Length > 100 ? userName[..100] : userName,
            Action = "account.sign-in",
            Outcome = ok ? "done" : "refused",
        });
        await db.SaveChangesAsync(cancellationToken);
        return ok ? new Viewer(account!.UserName, account.Role, account.LocalAuthority) : null;
    }
}
