using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Accounts;

/// <summary>
/// A person who signs in to the dashboard. Accounts are held by the hub (created with `hub accounts add`);
/// only a password hash is stored (ASP.NET Core Identity's PasswordHasher format, PBKDF2).
/// </summary>
public sealed class Account
{
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public AccountRole Role { get; set; }

    /// <summary>The local authority a data manager works for; null for the national team, who see every authority.</summary>
    public string? LocalAuthority { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What an account may see (statutory guidance 4.50: LA data managers review their own local feeds).</summary>
public enum AccountRole
{
    /// <summary>Sees and controls the feeds of its own local authority only (Source.LocalAuthority).</summary>
    DataManager = 0,

    /// <summary>The national (central) team: every authority's feeds, and dead letters no source could be found for.</summary>
    NationalTeam = 1,
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.ToTable("accounts");
        e.HasKey(x => x.UserName);
        e.Property(x => x.UserName).HasMaxLength(100);
        e.Property(x => x.PasswordHash).HasMaxLength(200);
        e.Property(x => x.LocalAuthority).HasMaxLength(100);
    }
}
