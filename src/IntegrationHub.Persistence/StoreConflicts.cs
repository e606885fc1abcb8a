using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Persistence;

/// <summary>
/// Tells a conflict with a concurrent writer (another batch or hub instance got there first) from a
/// failure of the data itself. A conflict resolves by trying again: the retry sees the committed rows
/// and applies the message as an update or answers it as a duplicate.
/// </summary>
public static class StoreConflicts
{
    public static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return true;
                // unique_violation, serialization_failure, deadlock_detected
                case PostgresException { SqlState: "23505" or "40001" or "40P01" }:
                    return true;
                // SQLITE_BUSY, SQLITE_LOCKED, and a UNIQUE or PRIMARY KEY constraint (extended codes 2067, 1555)
                case SqliteException { SqliteErrorCode: 5 or 6 } or SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }:
                    return true;
                // duplicate key (2627, 2601), deadlock victim (1205)
                case SqlException { Number: 2627 or 2601 or 1205 }:
                    return true;
            }
        }

        return false;
    }
}
