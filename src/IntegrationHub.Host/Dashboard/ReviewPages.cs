using System.Globalization;
using System.Text;
using static IntegrationHub.Host.Dashboard.Html;

namespace IntegrationHub.Host.Dashboard;

/// <summary>The review queue's pages (002 4.51-4.52): the list (no personal data), the reason form, and the item side by side.</summary>
public static class ReviewPages
{
    public static string List(IReadOnlyList<ReviewListRow> rows, Viewer viewer, string token, DateTimeOffset now, string? message)
    {
        var b = new StringBuilder();
        if (message is not null)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p class=\"panel\" role=\"status\" data-done>{E(message)}</p>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Possible matches waiting for a data administrator, oldest first · {E(viewer.Scope)} · {rows.Count} open · <a href=\"/dashboard/review.csv\">download CSV</a></p>");
        if (rows.Count == 0)
        {
            b.Append("<p id=\"review-empty\">Nothing is waiting for review.</p>");
        }
        else
        {
            b.Append("<table id=\"review\"><thead><tr><th>Waiting</th><th>Feed</th><th>Source's child id</th><th>Why it was held</th><th class=\"n\">Candidates</th><th class=\"n\">Best probability</th><th></th></tr></thead><tbody>");
            foreach (var r in rows)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr data-review=\"{r.Id}\"><td>{E(HealthAssessment.Ago(now - r.CreatedAt))}<div class=\"muted\">{Time(r.CreatedAt)}</div></td>");
                b.Append(CultureInfo.InvariantCulture, $"<td>{E(r.SourceName)}<div class=\"muted\">{E(r.SourceId)}</div></td><td>{E(r.SourceChildId)}</td><td>{E(r.Reason)}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{r.Candidates}</td><td class=\"n\">{(r.BestProbability is { } p ? p.ToString("0.###", CultureInfo.InvariantCulture) : "–")}</td>");
                b.Append(CultureInfo.InvariantCulture, $"<td><a href=\"/dashboard/review/{r.Id}\">Open</a></td></tr>");
            }

            b.Append("</tbody></table>");
        }

        b.Append("<p class=\"muted\">This list shows no personal data. Opening an item shows the child's details: you are asked why, and each view is in the audit trail (reader, reason, item).</p>");
        return Page("Review queue", viewer, b.ToString(), token);
    }

    /// <summary>Asked before anything personal is shown; shows nothing about the item, not even whether it exists.</summary>
    public static string Reason(Guid id, Viewer viewer, string token, string? error) =>
        Page("Why are you opening this item?", viewer, $"""
            {(error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")}
            <p>The item shows a child's personal details. Every view is recorded in the audit trail with your name and the reason you give.</p>
            <form method="get" action="/dashboard/review/{id}" class="signin">
            <label for="reason">Reason</label><input id="reason" name="reason" required maxlength="500" placeholder="e.g. weekly data matching">
            <button class="primary" type="submit">Open the item</button>
            </form>
            """, token);

    public static string Item(ReviewItemDetail item, Viewer viewer, string token, DateTimeOffset now, string reason, string? error)
    {
        var b = new StringBuilder();
        if (error is not null)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\">{E(error)}</p>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Held {E(HealthAssessment.Ago(now - item.CreatedAt))} ({Time(item.CreatedAt)}) · feed {E(item.SourceName)} ({E(item.SourceId)}) · source's child id {E(item.SourceChildId)} · opened for: {E(reason)}</p>");
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"reason\" data-held-reason>{E(item.Reason)}</p>");
        if (item.Status != Persistence.Linking.ReviewStatus.Open)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p class=\"panel\">Already resolved ({E(item.Resolution)}) by {E(item.ResolvedBy)}.</p>");
        }

        // Side by side: the held fragment, then each candidate.
        string[] rows = ["Given name", "Family name", "Date of birth", "Sex", "Address", "Postcode", "NHS number", "UPN", "School"];
        b.Append("<table id=\"compare\"><thead><tr><th></th><th>Held fragment</th>");
        foreach (var c in item.Candidates)
        {
            b.Append(CultureInfo.InvariantCulture, $"<th data-candidate=\"{c.ChildId}\">Candidate {E(c.ChildId.ToString()[..8])}…<div class=\"muted\">probability {c.Probability.ToString("0.###", CultureInfo.InvariantCulture)}, weight {c.Weight.ToString("0.##", CultureInfo.InvariantCulture)}{(c.PossibleTwin ? ", possible twin" : string.Empty)}</div>{(c.Deterministic is null ? string.Empty : $"<div class=\"muted\">{E(c.Deterministic)}</div>")}</th>");
        }

        b.Append("</tr></thead><tbody>");
        for (var i = 0; i < rows.Length; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><th>{rows[i]}</th><td>{E(Field(item.Fragment, i))}</td>");
            foreach (var c in item.Candidates)
            {
                b.Append(c.Masked
                    ? "<td class=\"muted\" data-masked>withheld: held by another authority's sources</td>"
                    : $"<td>{E(Field(c.Person!, i))}</td>");
            }

            b.Append("</tr>");
        }

        b.Append("</tbody></table>");

        foreach (var c in item.Candidates)
        {
            b.Append(CultureInfo.InvariantCulture, $"<h2>Evidence for candidate {E(c.ChildId.ToString()[..8])}…</h2>");
            if (c.Masked)
            {
                b.Append("<p class=\"muted\">This child has no fragment from your authority's feeds: its details are withheld; the evidence below shows how each item compared.</p>");
            }
            else if (c.Sources.Count > 0)
            {
                b.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Linked feeds: {E(string.Join(", ", c.Sources))}</p>");
            }

            b.Append(CultureInfo.InvariantCulture, $"<table class=\"evidence\" data-evidence=\"{c.ChildId}\"><thead><tr><th>Item</th><th>Agreement</th><th class=\"n\">Weight</th></tr></thead><tbody>");
            foreach (var e in c.Evidence)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(e.Comparator)}</td><td>{E(e.Level)}</td><td class=\"n\">{e.Weight.ToString("0.###", CultureInfo.InvariantCulture)}</td></tr>");
            }

            b.Append("</tbody></table>");
        }

        if (item.Status == Persistence.Linking.ReviewStatus.Open)
        {
            var action = $"/dashboard/review/{item.Id}/resolve";
            b.Append("<h2>Decide</h2><div class=\"panel\">");
            if (item.Duplicate)
            {
                b.Append("<p class=\"muted\" data-duplicate>The held fragment is already on a child record of its own: these are two child records. Merging moves every fragment of the newer record to the candidate, which keeps its id (the newer id leads to it). Refused while either record is archived or held for an investigation.</p>");
            }

            foreach (var c in item.Candidates)
            {
                var label = item.Duplicate ? $"Merge into candidate {E(c.ChildId.ToString()[..8])}…" : $"Link to candidate {E(c.ChildId.ToString()[..8])}…";
                b.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}\" class=\"inline\">{Token(token)}<input type=\"hidden\" name=\"resolution\" value=\"link\"><input type=\"hidden\" name=\"childId\" value=\"{c.ChildId}\"><button class=\"primary\" data-link=\"{c.ChildId}\">{label}</button></form> ");
            }

            b.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}\" class=\"inline\">{Token(token)}<input type=\"hidden\" name=\"resolution\" value=\"new\"><button data-new>{(item.Duplicate ? "Keep them apart (different children)" : "Create a new record")}</button></form>");
            b.Append(CultureInfo.InvariantCulture, $"""
                <form method="post" action="{action}" class="inline" style="margin-top:10px">{Token(token)}<input type="hidden" name="resolution" value="unusable">
                <label for="note">Note to the source (no personal data)</label><input id="note" name="note" required maxlength="1000" size="60">
                <button class="danger" data-unusable>Report as unusable</button></form>
                """);
            b.Append("</div>");
        }

        b.Append("<p><a href=\"/dashboard/review\">Back to the review queue</a></p>");
        return Page($"Review item: {item.SourceChildId}", viewer, b.ToString(), token);
    }

    private static string? Field(ReviewPerson p, int i) => i switch
    {
        0 => p.GivenName,
        1 => p.FamilyName,
        2 => p.DateOfBirth?.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        3 => p.Gender,
        4 => p.Address,
        5 => p.Postcode,
        6 => p.NhsNumber,
        7 => p.Upn,
        _ => p.School,
    };
}
