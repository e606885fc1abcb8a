using System.Globalization;
using System.Text;
using IntegrationHub.Persistence;
using static IntegrationHub.Host.Dashboard.Html;

namespace IntegrationHub.Host.Dashboard;

/// <summary>The dashboard's pages, rendered from the same records the JSON API returns.</summary>
public static class Pages
{
    private const string NoPersonalData = "This page shows counts, times, reason codes and receipt reasons only: no personal data about any child, so viewing it is not an audited access to records.";

    public static string Overview(Overview model, Viewer viewer, string token)
    {
        var b = new StringBuilder();
        var counts = model.Feeds.GroupBy(f => f.Health.Level).ToDictionary(g => g.Key, g => g.Count());
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Feeds of {E(model.Scope)} · updated {Time(model.At)} · <a href=\"/dashboard\">refresh</a> · <a href=\"/dashboard/overview.csv\">download CSV</a></p>");
        b.Append("<div class=\"summary\">");
        foreach (var level in new[] { HealthLevel.Red, HealthLevel.Amber, HealthLevel.Green, HealthLevel.Off })
        {
            b.Append(CultureInfo.InvariantCulture, $"<div data-summary=\"{level}\"><b>{counts.GetValueOrDefault(level)}</b>{Badge(level)}</div>");
        }

        b.Append("</div>");
        var intake = model.IntakeQueue;
        b.Append(CultureInfo.InvariantCulture, $"<div class=\"panel{(intake.Consumers == 0 ? " warn" : string.Empty)}\" data-intake-queue>Intake queue <b>{E(intake.Queue)}</b>: ");
        b.Append(intake.Problem is null
            ? intake.Consumers is null
                ? $"{N(intake.Messages ?? 0)} messages waiting; the broker has not reported its consumers yet (its statistics come every few seconds)"
                : $"{N(intake.Messages ?? 0)} messages waiting, {intake.Consumers} hub consumer{(intake.Consumers == 1 ? string.Empty : "s")}{(intake.Consumers == 0 ? " – <span class=\"alert\">nothing is reading the intake</span>" : string.Empty)}"
            : E(intake.Problem));
        b.Append(" <span class=\"muted\">(one queue for all feeds)</span></div>");

        if (model.Feeds.Count == 0)
        {
            b.Append("<p>No feeds are registered for your local authority.</p>");
        }
        else
        {
            b.Append("""
                <table id="feeds">
                <thead><tr><th>Health</th><th>Feed</th><th>Status</th><th>Last message</th>
                <th class="n">Last hour</th><th class="n">Last 24 hours</th><th class="n">Last 30 days</th>
                <th>Last 24 hours, per hour</th><th class="n">Receipts not yet read by the source</th></tr></thead><tbody>
                """);
            foreach (var f in model.Feeds)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr data-source=\"{E(f.SourceId)}\">");
                b.Append(CultureInfo.InvariantCulture, $"<td>{Badge(f.Health.Level)}<div class=\"reason\" data-reason>{E(f.Health.Summary)}</div>");
                foreach (var a in f.Alerts)
                {
                    b.Append(CultureInfo.InvariantCulture, $"<div class=\"alert\" data-alert=\"{E(a.Condition)}\">⚑ alert since {Time(a.RaisedAt)}{(a.Notified ? string.Empty : " (not yet sent)")}</div>");
                }

                b.Append("</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td><a href=\"/dashboard/sources/{Uri.EscapeDataString(f.SourceId)}\">{E(f.Name)}</a><div class=\"muted\">{E(f.SourceId)}{(viewer.IsNational ? " · " + E(f.LocalAuthority ?? "no authority") : string.Empty)}</div></td>");
                b.Append(CultureInfo.InvariantCulture, $"<td data-status>{E(StatusText(f.Status))}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td>{Ago(f.LastReceived, model.At)}<div class=\"muted\">{Time(f.LastReceived)}</div></td>");
                b.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-hour-received=\"{f.LastHour.Received}\">{Window(f.LastHour)}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td class=\"n\" data-day-received=\"{f.LastDay.Received}\" data-day-rejected=\"{f.LastDay.Rejected}\">{Window(f.LastDay)}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{Window(f.Last30Days)}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td>{Charts.Outcomes(f.Last24Hours, 144, 30, "Messages per hour, last 24 hours", HourName, axis: false)}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{QueueText(f.ReplyQueue)}</td>");
                b.Append("</tr>");
            }

            b.Append("</tbody></table>");
            b.Append(Charts.Legend());
        }

        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Received = applied + held + rejected + dead-lettered: each distinct message once (duplicate deliveries are not counted again). {NoPersonalData}</p>");
        return Page("Feed health", viewer, b.ToString(), token);
    }

    private static string Share(double? share) => share is { } v ? HealthAssessment.Percent(v * 100) : "–";

    private static string QualitySection(SourceQuality q)
    {
        var b = new StringBuilder("<h2>Data quality (guidance 4.6)</h2><table id=\"quality\"><thead><tr><th>Dimension</th><th class=\"n\">Score</th><th>How it is measured</th></tr></thead><tbody>");
        b.Append(CultureInfo.InvariantCulture, $"<tr data-dimension=\"validity\"><td>Validity</td><td class=\"n\">{Share(q.Validity)}</td><td>{N(q.ValidityMessages - q.InvalidMessages)} of {N(q.ValidityMessages)} messages in the last 30 days were neither dead-lettered nor rejected for a format or identifier reason</td></tr>");
        b.Append(CultureInfo.InvariantCulture, $"<tr data-dimension=\"completeness\"><td>Completeness</td><td class=\"n\">{Share(q.Completeness)}</td><td>of {N(q.Fragments)} children sent: NHS number {Share(q.NhsNumberShare)}, UPN {Share(q.UpnShare)}, postcode {Share(q.PostcodeShare)}</td></tr>");
        b.Append(CultureInfo.InvariantCulture, $"<tr data-dimension=\"uniqueness\"><td>Uniqueness</td><td class=\"n\">{Share(q.Uniqueness)}</td><td>{N(q.DuplicateFragments)} of {N(q.LinkedFragments)} linked children share a hub record with another of this feed's children (duplicates within the source)</td></tr>");
        b.Append(CultureInfo.InvariantCulture, $"<tr data-dimension=\"coverage\"><td>Coverage</td><td class=\"n\">{Share(q.Coverage)}</td><td>{N(q.ChildrenHeld)} of the {N(q.ChildrenInAuthority)} children held by any feed of this authority</td></tr>");
        b.Append("</tbody></table>");
        b.Append("<h2>Mismatch notifications by data item</h2>");
        if (q.MismatchesByItem.Count == 0)
        {
            b.Append("<p>No child from this feed currently disagrees with its best view.</p>");
        }
        else
        {
            b.Append("<table id=\"mismatches\"><thead><tr><th>Data item</th><th class=\"n\">Children the source was told about</th></tr></thead><tbody>");
            foreach (var i in q.MismatchesByItem)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr data-item=\"{E(i.Item)}\"><td>{E(i.Item)}</td><td class=\"n\">{N(i.Fragments)}</td></tr>");
            }

            b.Append("</tbody></table>");
        }

        return b.ToString();
    }

    public static string Source(SourceDetail model, Viewer viewer, string token, DateTimeOffset now, string? message)
    {
        var f = model.Feed;
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\"><a href=\"/dashboard\">← all feeds</a> · {E(f.SourceId)} · {E(f.LocalAuthority ?? "no authority")} · <a href=\"/api/dashboard/sources/{Uri.EscapeDataString(f.SourceId)}\">as JSON</a> · <a href=\"/dashboard/sources/{Uri.EscapeDataString(f.SourceId)}/export.csv\">download CSV</a></p>");
        if (message is not null)
        {
            b.Append(CultureInfo.InvariantCulture, $"<div class=\"panel\" data-message>{E(message)}</div>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<div class=\"panel{(f.Health.Level == HealthLevel.Red ? " warn" : string.Empty)}\">{Badge(f.Health.Level)} <span data-status>{E(StatusText(f.Status))}</span><ul>");
        foreach (var finding in f.Health.Findings)
        {
            b.Append(CultureInfo.InvariantCulture, $"<li class=\"reason\">{E(finding.Text)}</li>");
        }

        b.Append("</ul>");
        foreach (var a in f.Alerts)
        {
            b.Append(CultureInfo.InvariantCulture, $"<div class=\"alert\" data-alert=\"{E(a.Condition)}\">⚑ Alert raised {Time(a.RaisedAt)}: {E(a.Detail)}{(a.Notified ? " (sent)" : " (not yet sent)")}</div>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<div class=\"muted\">Last message {Ago(f.LastReceived, now)} ({Time(f.LastReceived)}). Receipts waiting on {E(f.ReplyQueue.Queue)}: {QueueText(f.ReplyQueue)}.</div></div>");

        b.Append("<div class=\"summary\">");
        foreach (var (label, c) in new[] { ("last hour", f.LastHour), ("last 24 hours", f.LastDay), ("last 30 days", f.Last30Days) })
        {
            b.Append(CultureInfo.InvariantCulture, $"<div data-window=\"{E(label)}\" data-received=\"{c.Received}\" data-rejected=\"{c.Rejected}\"><b>{N(c.Received)}</b>received, {label}<br><span class=\"muted\">{N(c.Applied)} applied · {N(c.Held)} held · {N(c.Rejected)} rejected · {N(c.DeadLettered)} dead-lettered{(c.RejectedPercent is { } p ? " · " + HealthAssessment.Percent(p) + " rejected" : string.Empty)}</span></div>");
        }

        b.Append("</div>");
        b.Append("<h2>Throughput</h2>");
        b.Append("<p class=\"caption\">Messages per hour, last 48 hours</p>");
        b.Append(CultureInfo.InvariantCulture, $"<div id=\"hourly\">{Charts.Outcomes(model.Last48Hours, 720, 140, "Messages per hour, last 48 hours", HourName)}</div>");
        b.Append("<p class=\"caption\">Messages per day, last 30 days</p>");
        b.Append(CultureInfo.InvariantCulture, $"<div id=\"daily\">{Charts.Outcomes(model.Last30Days, 720, 140, "Messages per day, last 30 days", DayName)}</div>");
        b.Append(Charts.Legend());
        b.Append("<h2>Rejected share per day, last 30 days</h2>");
        b.Append(Charts.RejectionRate(model.Last30Days, 720, 100, model.Rule.RejectionRatePercent, DayName));

        b.Append("<h2>Top rejection reasons, last 30 days</h2>");
        if (model.TopReasons.Count == 0)
        {
            b.Append("<p>No message was rejected or held in the last 30 days.</p>");
        }
        else
        {
            b.Append("<table id=\"reasons\"><thead><tr><th>Reason code</th><th class=\"n\">Messages</th><th>Example, as told to the source in its receipt</th></tr></thead><tbody>");
            foreach (var r in model.TopReasons)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr data-code=\"{E(r.Code)}\"><td><code>{E(r.Code)}</code></td><td class=\"n\">{N(r.Count)}</td><td>{(r.ExamplePath is { Length: > 0 } path && path != "$" ? "<code>" + E(path) + "</code>: " : string.Empty)}{E(r.ExampleMessage)}</td></tr>");
            }

            b.Append("</tbody></table>");
            b.Append("<p class=\"muted\">The hub does not keep message bodies, only the receipt sent back to the source; the example is that receipt's reason (field path and sentence), which carries no personal data.</p>");
        }

        b.Append(QualitySection(model.Quality));

        b.Append("<h2>Open involvements</h2>");
        b.Append(CultureInfo.InvariantCulture, $"<p data-open=\"{model.OpenInvolvements}\" data-stale=\"{model.StaleOpenInvolvements}\"><b>{N(model.OpenInvolvements)}</b> open involvements from this feed; <b>{N(model.StaleOpenInvolvements)}</b> of them not updated for more than {model.StaleInvolvementDays} days (has the source stopped sending ends?).</p>");

        b.Append("<h2>Feed control</h2>");
        if (f.Status == SourceStatus.Terminated)
        {
            b.Append("<p>This feed is terminated. Its messages are rejected with <code>source.terminated</code>. A terminated data supply agreement is not resumed here: a new agreement is registered again (<code>hub sources add</code>).</p>");
        }
        else
        {
            b.Append("<p class=\"muted\">While a feed is suspended, every message it sends is rejected with reason <code>source.suspended</code> and the advice to resend after resumption: nothing is applied, and nothing is silently lost. Every change is recorded in the audit trail under your name.</p>");
            var action = $"/dashboard/sources/{Uri.EscapeDataString(f.SourceId)}/status";
            if (f.Status == SourceStatus.Accredited)
            {
                b.Append(CultureInfo.InvariantCulture, $"<form class=\"inline\" method=\"post\" action=\"{action}\" id=\"suspend\">{Token(token)}<input type=\"hidden\" name=\"status\" value=\"Suspended\"><label>Reason <input name=\"reason\" required size=\"40\"></label><button class=\"danger\">Suspend feed</button></form>");
            }
            else
            {
                b.Append(CultureInfo.InvariantCulture, $"<form class=\"inline\" method=\"post\" action=\"{action}\" id=\"resume\">{Token(token)}<input type=\"hidden\" name=\"status\" value=\"Accredited\"><label>Reason <input name=\"reason\" required size=\"40\"></label><button class=\"primary\">Resume feed</button></form>");
            }

            b.Append(CultureInfo.InvariantCulture, $"<p><form class=\"inline\" method=\"post\" action=\"{action}\" id=\"terminate\">{Token(token)}<input type=\"hidden\" name=\"status\" value=\"Terminated\"><label>Reason <input name=\"reason\" required size=\"40\"></label><label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> I mean to end this data supply agreement</label><button class=\"danger\">Terminate feed</button></form></p>");
        }

        b.Append("<h2>Alert rules</h2>");
        var rule = model.Rule;
        b.Append(CultureInfo.InvariantCulture, $"<form class=\"inline\" method=\"post\" action=\"/dashboard/sources/{Uri.EscapeDataString(f.SourceId)}/alert-rules\" id=\"alert-rules\">{Token(token)}");
        b.Append(CultureInfo.InvariantCulture, $"<label>No messages for <input name=\"noMessagesHours\" type=\"number\" min=\"1\" size=\"4\" value=\"{rule.NoMessagesHours}\"> hours</label>");
        b.Append(CultureInfo.InvariantCulture, $"<label>· more than <input name=\"rejectionRatePercent\" type=\"number\" min=\"0\" max=\"100\" step=\"any\" size=\"4\" value=\"{rule.RejectionRatePercent?.ToString(CultureInfo.InvariantCulture)}\"> % rejected in an hour</label>");
        b.Append(CultureInfo.InvariantCulture, $"<label>· <input name=\"deadLetters\" type=\"checkbox\" value=\"true\"{(rule.DeadLetters ? " checked" : string.Empty)}> dead letters present</label>");
        b.Append(CultureInfo.InvariantCulture, $"<label>· a possible match waiting <input name=\"reviewQueueDays\" type=\"number\" min=\"1\" size=\"4\" value=\"{rule.ReviewQueueDays}\"> days</label>");
        b.Append("<button>Save rules</button></form>");
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{(rule.IsDefault ? "These are the hub's default rules; saving makes them this feed's own." : "This feed's own rules.")} An empty box switches that rule off. A raised alert is shown here and on the overview and sent once to the alert webhook; it is not sent again until the condition has cleared.</p>");
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{NoPersonalData}</p>");
        return Page(f.Name, viewer, b.ToString(), token);
    }

    public static string DeadLetters(IReadOnlyList<DeadLetterRow> rows, Viewer viewer, string token, DateTimeOffset now, ReprocessReport? report = null)
    {
        var b = new StringBuilder();
        if (report is not null)
        {
            b.Append(report.NotAvailable is { } why
                ? $"<p class=\"panel warn\" data-reprocessed role=\"status\">{E(why)}</p>"
                : string.Create(CultureInfo.InvariantCulture, $"<p class=\"panel\" data-reprocessed role=\"status\">{report.Taken} taken off the dead-letter queue and through the intake again: {report.Applied} applied, {report.Held} held, {report.Rejected} rejected (their sources have the receipts), {report.DeadLetteredAgain} dead-lettered again.</p>"));
        }

        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Messages the hub could not take in, of {E(viewer.Scope)}{(viewer.IsNational ? ", including those no source could be found for" : string.Empty)}. The message itself is on queue <code>hub.deadletter</code>; find it by its fingerprint (SHA-256 of the body). <b>Reprocess</b> takes one message through the intake again once its cause is fixed, after any earlier dead letters about the same child from the same source, so a child's messages keep their order; the others stay on the queue where they are. · <a href=\"/dashboard/dead-letters.csv\">download CSV</a></p>");
        if (rows.Count == 0)
        {
            b.Append("<p>No dead letters.</p>");
        }
        else
        {
            b.Append("<table id=\"dead-letters\"><thead><tr><th>When</th><th>Source or broker user</th><th>Cause</th><th class=\"n\">Size</th><th>Message id</th><th>Fingerprint (SHA-256)</th><th>Reprocessed</th></tr></thead><tbody>");
            foreach (var d in rows)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(d.At)}<div class=\"muted\">{Ago(d.At, now)}</div></td><td>{E(d.SourceId ?? "(unidentified)")}</td><td>{E(d.Cause)}</td><td class=\"n\">{N(d.BodyBytes)} bytes</td><td><code>{E(d.MessageId)}</code></td><td><code title=\"{E(d.BodySha256)}\">{E(d.BodySha256.Length > 16 ? d.BodySha256[..16] + "…" : d.BodySha256)}</code></td><td>{(d.ReprocessedAt is { } at ? $"{Time(at)}<div class=\"muted\">by {E(d.ReprocessedBy)}</div>" : ReprocessOne(d.Id, token))}</td></tr>");
            }

            b.Append("</tbody></table>");
            if (viewer.IsNational && rows.Any(d => d.ReprocessedAt is null))
            {
                b.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/dashboard/dead-letters/reprocess\">{Token(token)}<p>After the cause is fixed (a source registered, the database back), take every message on the queue through the intake again, in order; each gets its outcome and its source the receipt. Nothing is applied twice. <button class=\"primary\">Reprocess the dead-letter queue</button></p></form>");
            }
        }

        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{NoPersonalData}</p>");
        return Page("Dead letters", viewer, b.ToString(), token);
    }

    private static string ReprocessOne(long id, string token) => string.Create(CultureInfo.InvariantCulture,
        $"<form method=\"post\" action=\"/dashboard/dead-letters/{id}/reprocess\" data-reprocess-one=\"{id}\">{Token(token)}<button title=\"This message, after any earlier dead letters about the same child from the same source\">Reprocess</button></form>");

    public static string SignIn(string token, string? error, string? returnUrl) => Page("Sign in", null, $"""
        <form class="signin" method="post" action="/dashboard/sign-in">
        {Token(token)}
        <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
        {(error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")}
        <label for="user">User name</label><input id="user" name="user" autocomplete="username" required>
        <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <button class="primary">Sign in</button>
        </form>
        <p class="muted">For local authority data managers and the national team. Accounts are created by the hub's operator (<code>hub accounts add</code>).</p>
        """);

    public static string NotFound(Viewer viewer, string token) =>
        Page("Not found", viewer, "<p>There is no feed of that name among the feeds you may see.</p><p><a href=\"/dashboard\">All your feeds</a></p>", token);

    public static string StatusText(SourceStatus status) => status switch
    {
        SourceStatus.Accredited => "Accredited (accepting)",
        SourceStatus.Suspended => "Suspended",
        _ => "Terminated",
    };

    /// <summary>"120 received" and, below, only the outcomes that happened: "113 applied · 4 held · 3 rejected (2.5%)".</summary>
    private static string Window(OutcomeCounts c)
    {
        var parts = new List<string>();
        if (c.Applied > 0)
        {
            parts.Add($"{N(c.Applied)} applied");
        }

        if (c.Held > 0)
        {
            parts.Add($"{N(c.Held)} held");
        }

        if (c.Rejected > 0)
        {
            parts.Add($"<span class=\"alert\">{N(c.Rejected)} rejected</span>");
        }

        if (c.DeadLettered > 0)
        {
            parts.Add($"<span class=\"alert\">{N(c.DeadLettered)} dead-lettered</span>");
        }

        var rate = c.RejectedPercent is { } p && p > 0 ? $" ({HealthAssessment.Percent(p)})" : string.Empty;
        var detail = string.Join(" · ", parts) + rate;
        return $"<b>{N(c.Received)}</b> received<div class=\"muted\">{detail}</div>";
    }

    private static string QueueText(QueueInfo q) =>
        q.Problem is null ? $"{N(q.Messages ?? 0)}{(q.Consumers is > 0 ? string.Empty : " <span class=\"muted\">(source not connected)</span>")}" : $"<span class=\"muted\">{E(q.Problem)}</span>";

    private static string HourName(DateTimeOffset t) => t.UtcDateTime.ToString("d MMM HH:00", CultureInfo.InvariantCulture);

    private static string DayName(DateTimeOffset t) => t.UtcDateTime.ToString("d MMM", CultureInfo.InvariantCulture);
}
