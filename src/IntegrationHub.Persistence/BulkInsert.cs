using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IntegrationHub.Persistence;

/// <summary>
/// Appends rows of an append-only table with multi-row INSERT statements built from the EF model
/// (table, column names, type mappings), inside the context's current transaction. EF Core sends one
/// INSERT per entity, which made the per-message outcome and audit rows the largest cost of a batch;
/// this keeps them to a few statements per batch on every provider (binary COPY on PostgreSQL). Rows are not tracked, and
/// store-generated keys are not read back: use it only for rows nothing refers to.
/// </summary>
public static class BulkInsert
{
    // SQL Server allows 2,100 parameters per command; stay well below on every provider.
    private const int MaxParameters = 2000;

    public static async Task InsertAsync<T>(this HubDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || !p.IsKey()).ToList();
        var header = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var perCommand = Math.Max(1, MaxParameters / columns.Count);

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        if (connection is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, sql, table, columns, rows, cancellationToken);
            return;
        }

        for (var offset = 0; offset < rows.Count; offset += perCommand)
        {
            await using DbCommand command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var text = new StringBuilder(header);
            var chunk = rows.Skip(offset).Take(perCommand).ToList();
            for (var r = 0; r < chunk.Count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"p{r}_{c}";
                    var mapping = columns[c].GetRelationalTypeMapping();
                    // CreateParameter applies the mapping's converter (enums, SQLite instants) as EF would.
                    var value = columns[c].GetGetter().GetClrValue(chunk[r]);
                    command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), value, columns[c].IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// PostgreSQL's binary COPY: no SQL to parse and no parameters to bind, several times faster than
    /// multi-row INSERT for a batch's rows. It runs inside the connection's current transaction.
    /// </summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, ISqlGenerationHelper sql, StoreObjectIdentifier table, IReadOnlyList<IProperty> columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var copy = $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)";
        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].GetGetter().GetClrValue(row);
                if (mappings[c].Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, mappings[c].StoreType, cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
