using System.Globalization;
using System.Text;
using IntegrationHub.Persistence.Lifecycle;
using static IntegrationHub.Host.Dashboard.Html;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// Record transfers between local authorities (002 4.53-4.59, ADR 0011): the pending ones of the viewer's authority, in
/// and out, with accept and decline for a data manager. Record ids and authorities only, never the child's details.
/// </summary>
public static class TransferPages
{
    public static string List(IReadOnlyList<AuthorityTransfer> transfers, IReadOnlySet<Guid> shielded, Viewer viewer, string token, DateTimeOffset now, string? message, bool problem = false)
    {
        var b = new StringBuilder();
        if (message is not null)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p class=\"panel{(problem ? " warn" : string.Empty)}\" role=\"status\" data-done>{E(message)}</p>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Records proposed to move between local authorities because the child moved (with specialist or targeted services on the record) or because a data manager asked. A record moves when both authorities have accepted; until then it stays with the authority it belongs to. {E(viewer.Scope)} · {transfers.Count} pending · <a href=\"/dashboard/transfers.csv\">download CSV</a></p>");
        if (transfers.Count == 0)
        {
            b.Append("<p id=\"transfers-empty\">No transfer is waiting.</p>");
        }
        else
        {
            b.Append("<table id=\"transfers\"><thead><tr><th>Proposed</th><th>Direction</th><th>Child record</th><th>From</th><th>To</th><th>Why</th><th>Accepted by</th><th></th></tr></thead><tbody>");
            var actingFor = Api.CompartmentsApi.ActingFor(viewer);
            foreach (var t in transfers)
            {
                var direction = Api.CompartmentsApi.Direction(t, actingFor);
                b.Append(CultureInfo.InvariantCulture, $"<tr data-transfer=\"{t.Id}\"><td>{Ago(t.ProposedAt, now)}<div class=\"muted\">{Time(t.ProposedAt)}</div></td>");
                var (from, to) = Api.CompartmentsApi.Authorities(t, actingFor, shielded.Contains(t.ChildId));
                b.Append(CultureInfo.InvariantCulture, $"<td>{E(direction ?? "–")}</td><td><code>{t.ChildId}</code></td><td>{E(from)}</td><td>{E(to)}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td>{(t.Origin == "move" ? "the child moved" : "asked for by a data manager")}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td>{Accepted(t)}</td><td>{Actions(viewer, t, token)}</td></tr>");
            }

            b.Append("</tbody></table>");
        }

        b.Append("<p class=\"muted\">The national team sees every transfer; only the two authorities accept or decline (002 4.54-4.56). Every view and decision is audited.</p>");
        return Page("Transfers", viewer, b.ToString(), token);
    }

    private static string Accepted(AuthorityTransfer t) =>
        (t.AcceptedByFrom is not null, t.AcceptedByTo is not null) switch
        {
            (true, true) => "both",
            (true, false) => "the authority it is with",
            (false, true) => "the receiving authority",
            _ => "nobody yet",
        };

    private static string Actions(Viewer viewer, AuthorityTransfer t, string token)
    {
        if (Api.CompartmentsApi.Direction(t, Api.CompartmentsApi.ActingFor(viewer)) is not { } direction)
        {
            return string.Empty;
        }

        var mine = direction == "in" ? t.AcceptedByTo : t.AcceptedByFrom;
        var accept = mine is null
            ? $"<form method=\"post\" action=\"/dashboard/transfers/{t.Id}/accept\">{Token(token)}<button class=\"primary\" data-accept>Accept</button></form>"
            : "<span class=\"muted\">you accepted</span>";
        return accept + $"<form method=\"post\" action=\"/dashboard/transfers/{t.Id}/decline\">{Token(token)}<button data-decline>Decline</button></form>";
    }
}
