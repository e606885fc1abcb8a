using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Persistence.Audit;

/// <summary>What <see cref="AuditTrail.VerifyAsync"/> found.</summary>
/// <param name="EntriesChecked">How many entries were read.</param>
/// <param name="FirstBroken">The position of the first entry that is altered, missing or out of place; null when the chain holds.</param>
/// <param name="Problem">What is wrong with it, in words; null when the chain holds.</param>
public sealed record AuditVerification(long EntriesChecked, long? FirstBroken, string? Problem)
{
    public bool Intact => FirstBroken is null;
}

/// <summary>
/// The tamper-evident audit trail (statutory guidance 4.43): each entry's hash is SHA-256 of the previous
/// entry's hash and the entry's own fields in a canonical form, so changing, inserting or deleting a row
/// breaks the chain from that row on. Appends are serialised by locking the single <see cref="AuditHead"/>
/// row in the writer's own transaction (SELECT ... FOR UPDATE on PostgreSQL, UPDLOCK on SQL Server; SQLite
/// has one writer, taken by a no-op update), so concurrent batches and hub instances keep one unbroken chain.
/// </summary>
public static class AuditTrail
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Appends <paramref name="entries"/> in order at the end of the chain. Must be called inside the caller's
    /// transaction, as late as possible before its commit: the head row stays locked until then, which
    /// serialises other writers' appends (and only their appends). Inserts with the bulk path (binary COPY on
    /// PostgreSQL). If the transaction rolls back, the positions are not used and the chain is unchanged.
    /// </summary>
    public static async Task AppendAsync(HubDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("AuditTrail.AppendAsync must be called inside the writer's transaction: the chain's head stays locked until the commit.");

        var head = Names(db);
        var (lastPosition, lastHash) = await LockHeadAsync(db, head, transaction.GetDbTransaction(), cancellationToken);

        var previous = lastHash;
        var position = lastPosition;
        foreach (var entry in entries)
        {
            entry.Id = ++position;
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(previous, entry);
            previous = entry.Hash;
        }

        await db.InsertAsync(entries, cancellationToken);
        // Identifiers come from the EF model, values go as parameters.
        var advance = $"UPDATE {head.Table} SET {head.LastPosition} = {{0}}, {head.LastHash} = {{1}} WHERE {head.Id} = {AuditHead.SingletonId}";
        await db.Database.ExecuteSqlRawAsync(advance, [position, previous], cancellationToken);
    }

    /// <summary>
    /// Walks the whole chain in order and names the first entry that is altered (its hash does not follow from
    /// its fields), replaced (its link to the previous entry does not match), missing (a gap in the positions)
    /// or cut off the end (the head records more). Reads only; safe while the hub runs.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var previous = GenesisHash;
        long expected = 1;
        long checkedCount = 0;

        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            checkedCount++;
            if (entry.Id != expected)
            {
                return entry.Id > expected
                    ? new AuditVerification(checkedCount, expected, $"Entry {expected} is missing: the chain goes from entry {expected - 1} to entry {entry.Id}, so entries were deleted.")
                    : new AuditVerification(checkedCount, entry.Id, $"Entry {entry.Id} is out of place: entry {expected} was expected.");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                // The entry still names the hash its predecessor had when it was written: the predecessor changed.
                return expected == 1
                    ? new AuditVerification(checkedCount, 1, "Entry 1 does not start the chain: its previous hash is not the genesis hash.")
                    : new AuditVerification(checkedCount, expected - 1, $"Entry {expected - 1} was altered or replaced after entry {expected} was written: entry {expected} links to a different hash.");
            }

            if (!string.Equals(ComputeHash(previous, entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(checkedCount, entry.Id, $"Entry {entry.Id} was altered: its fields do not match its hash.");
            }

            previous = entry.Hash;
            expected++;
        }

        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);
        if (head is null)
        {
            return new AuditVerification(checkedCount, expected, "The audit head row is missing, so the end of the chain cannot be checked.");
        }

        if (head.LastPosition != expected - 1 || !string.Equals(head.LastHash, previous, StringComparison.Ordinal))
        {
            return head.LastPosition > expected - 1
                ? new AuditVerification(checkedCount, expected, $"Entries {expected} to {head.LastPosition} are missing: the chain's head records {head.LastPosition} entries, so the last ones were deleted.")
                : new AuditVerification(checkedCount, head.LastPosition + 1, $"The chain's head records {head.LastPosition} entries but {expected - 1} are present: entries after {head.LastPosition} were added outside the trail.");
        }

        return new AuditVerification(checkedCount, null, null);
    }

    /// <summary>The form a time is kept in: UTC, whole microseconds (PostgreSQL's precision), so it reads back as written.</summary>
    public static DateTimeOffset Normalise(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>
    /// SHA-256 over the previous hash and the entry's fields, each length-prefixed (null distinct from empty),
    /// in a fixed order, with a format version first so the form can change without ambiguity.
    /// </summary>
    public static string ComputeHash(string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder(256).Append("audit/v1");
        Field(text, previousHash);
        Field(text, entry.Id.ToString(CultureInfo.InvariantCulture));
        Field(text, Normalise(entry.At).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(text, entry.Actor);
        Field(text, entry.Action);
        Field(text, entry.SourceId);
        Field(text, entry.MessageId);
        Field(text, entry.Outcome);
        Field(text, entry.Detail);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Field(StringBuilder text, string? value)
    {
        text.Append('|');
        if (value is null)
        {
            text.Append("-1:");
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }

    private static async Task<(long Position, string Hash)> LockHeadAsync(HubDbContext db, HeadNames head, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var select = $"SELECT {head.LastPosition}, {head.LastHash} FROM {head.Table}";
        var where = $" WHERE {head.Id} = {AuditHead.SingletonId}";
        string sql;
        if (db.Database.IsNpgsql())
        {
            sql = select + where + " FOR UPDATE";
        }
        else if (db.Database.IsSqlServer())
        {
            // An update lock is held to the end of the transaction and blocks other writers' update locks, not readers.
            sql = select + " WITH (UPDLOCK, ROWLOCK)" + where;
        }
        else
        {
            // SQLite has no row locks: a no-op write takes the database's single write lock for the transaction.
            var takeWriteLock = $"UPDATE {head.Table} SET {head.LastPosition} = {head.LastPosition}{where}";
            await db.Database.ExecuteSqlRawAsync(takeWriteLock, cancellationToken);
            sql = select + where;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The audit head row is missing: the database was not migrated, or the row was deleted.");
        }

        return (reader.GetInt64(0), reader.GetString(1));
    }

    private sealed record HeadNames(string Table, string Id, string LastPosition, string LastHash);

    private static HeadNames Names(HubDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(AuditHead))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        return new HeadNames(sql.DelimitIdentifier(table.Name, table.Schema), Column(nameof(AuditHead.Id)), Column(nameof(AuditHead.LastPosition)), Column(nameof(AuditHead.LastHash)));
    }
}
