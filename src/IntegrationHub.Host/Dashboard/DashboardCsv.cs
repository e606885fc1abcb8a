using System.Globalization;
using System.Text;

namespace IntegrationHub.Host.Dashboard;

/// <summary>The overview and the dead letters as CSV (RFC 4180, UTF-8), for a data manager's own reports.</summary>
public static class DashboardCsv
{
    public static byte[] Overview(Overview overview)
    {
        var csv = new StringBuilder();
        Line(csv, "source_id", "name", "local_authority", "status", "health", "reason", "last_message_utc",
            "hour_received", "hour_applied", "hour_held", "hour_rejected", "hour_dead_lettered",
            "day_received", "day_applied", "day_held", "day_rejected", "day_dead_lettered",
            "days30_received", "days30_applied", "days30_held", "days30_rejected", "days30_dead_lettered",
            "reply_queue_messages", "open_alerts");
        foreach (var f in overview.Feeds)
        {
            var cells = new List<string?> { f.SourceId, f.Name, f.LocalAuthority, f.Status.ToString(), f.Health.Level.ToString(), f.Health.Summary, f.LastReceived?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
            foreach (var c in new[] { f.LastHour, f.LastDay, f.Last30Days })
            {
                cells.AddRange([I(c.Received), I(c.Applied), I(c.Held), I(c.Rejected), I(c.DeadLettered)]);
            }

            cells.Add(f.ReplyQueue.Messages?.ToString(CultureInfo.InvariantCulture));
            cells.Add(string.Join(' ', f.Alerts.Select(a => a.Condition)));
            Line(csv, [.. cells]);
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] DeadLetters(IEnumerable<DeadLetterRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, "id", "at_utc", "source_or_user", "message_id", "cause", "body_bytes", "body_sha256");
        foreach (var d in rows)
        {
            Line(csv, I(d.Id), d.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), d.SourceId, d.MessageId, d.Cause, I(d.BodyBytes), d.BodySha256);
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>One feed's tables: the daily outcomes of the last 30 days, then the top rejection reasons (a blank line between).</summary>
    public static byte[] Source(SourceDetail detail)
    {
        var csv = new StringBuilder();
        Line(csv, "day_utc", "applied", "held", "rejected", "dead_lettered");
        foreach (var b in detail.Last30Days)
        {
            Line(csv, b.Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), I(b.Counts.Applied), I(b.Counts.Held), I(b.Counts.Rejected), I(b.Counts.DeadLettered));
        }

        csv.Append("\r\n");
        Line(csv, "reason_code", "count_30_days", "example_path", "example_message");
        foreach (var r in detail.TopReasons)
        {
            Line(csv, r.Code, I(r.Count), r.ExamplePath, r.ExampleMessage);
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The transfers as listed (no personal data: ids, authorities as the viewer may see them, dates, acceptances).</summary>
    public static byte[] Transfers(IEnumerable<Persistence.Lifecycle.AuthorityTransfer> transfers, IReadOnlySet<Guid> shielded, Viewer viewer)
    {
        var csv = new StringBuilder();
        Line(csv, "transfer_id", "child_record_id", "direction", "from_authority", "to_authority", "origin", "proposed_at_utc", "accepted_by_from", "accepted_by_to");
        var actingFor = Api.CompartmentsApi.ActingFor(viewer);
        foreach (var t in transfers)
        {
            var (from, to) = Api.CompartmentsApi.Authorities(t, actingFor, shielded.Contains(t.ChildId));
            Line(csv, t.Id.ToString(), t.ChildId.ToString(), Api.CompartmentsApi.Direction(t, actingFor), from, to, t.Origin,
                t.ProposedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), (t.AcceptedByFrom is not null).ToString(), (t.AcceptedByTo is not null).ToString());
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The review queue as listed (no personal data: ids, source, reason, age, candidates).</summary>
    public static byte[] Review(IEnumerable<ReviewListRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, "id", "source_id", "source_name", "source_child_id", "reason", "waiting_since_utc", "candidates", "best_probability");
        foreach (var r in rows)
        {
            Line(csv, r.Id.ToString(), r.SourceId, r.SourceName, r.SourceChildId, r.Reason, r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                I(r.Candidates), r.BestProbability?.ToString("0.####", CultureInfo.InvariantCulture));
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, params string?[] cells)
    {
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    // Quoted when needed; a leading = + - @ is prefixed so a spreadsheet never runs a cell as a formula.
    private static string Cell(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
