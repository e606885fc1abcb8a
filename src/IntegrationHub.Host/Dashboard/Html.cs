using System.Globalization;
using System.Net;
using System.Text;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// The pages' HTML, written as strings: every value passes through <see cref="E"/> (HTML-encoded), the
/// stylesheet is inline, and there is no script and nothing fetched from elsewhere.
/// </summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    public static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } t ? HealthAssessment.Ago(now - t) : "never";

    public static string Level(HealthLevel level) => level switch
    {
        HealthLevel.Green => "Healthy",
        HealthLevel.Amber => "Attention",
        HealthLevel.Red => "Problem",
        _ => "Terminated",
    };

    public static string Badge(HealthLevel level) => $"<span class=\"rag rag-{level.ToString().ToLowerInvariant()}\" data-rag=\"{level}\">{Level(level)}</span>";

    /// <summary>The shared page frame: header with navigation and the signed-in user, then the body.</summary>
    public static string Page(string title, Viewer? viewer, string body, string? antiforgeryToken = null)
    {
        var nav = new StringBuilder();
        if (viewer is not null)
        {
            nav.Append("<nav><a href=\"/dashboard\">Feeds</a><a href=\"/dashboard/review\">Review queue</a><a href=\"/dashboard/dead-letters\">Dead letters</a><a href=\"/dashboard/transfers\">Transfers</a><a href=\"/openapi/v1.json\">API</a></nav>");
            nav.Append(CultureInfo.InvariantCulture, $"<div class=\"who\">{E(viewer.UserName)} · {(viewer.IsNational ? "national team" : "data manager, " + E(viewer.LocalAuthority))}");
            nav.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/dashboard/sign-out\">{Token(antiforgeryToken)}<button class=\"link\">Sign out</button></form></div>");
        }

        return $$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} – IntegrationHub</title>
            <style>{{Style}}</style>
            </head>
            <body>
            <header><span class="brand">IntegrationHub feeds</span>{{nav}}</header>
            <main>
            <h1>{{E(title)}}</h1>
            {{body}}
            </main>
            </body>
            </html>
            """;
    }

    public static string Token(string? token) =>
        token is null ? string.Empty : $"<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{E(token)}\">";

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#0b0c0c;background:#f3f2f1;font-size:15px}
        header{background:#0b0c0c;color:#fff;display:flex;align-items:center;gap:24px;padding:10px 24px;flex-wrap:wrap}
        header .brand{font-weight:700;font-size:17px}
        header nav a{color:#fff;margin-right:18px;text-decoration:none;font-weight:600}
        header nav a:hover{text-decoration:underline}
        header .who{margin-left:auto;color:#ddd;display:flex;gap:12px;align-items:center}
        header .who form{margin:0}
        button.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;font:inherit}
        main{padding:16px 24px;max-width:1400px}
        h1{font-size:24px;margin:8px 0 12px}
        h2{font-size:18px;margin:24px 0 8px}
        table{border-collapse:collapse;background:#fff;width:100%}
        th,td{border-bottom:1px solid #d8d8d8;padding:6px 8px;text-align:left;vertical-align:top}
        th{background:#e8e8e8;font-size:13px}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .rag{display:inline-block;padding:2px 8px;border-radius:3px;font-weight:700;font-size:13px;color:#fff;white-space:nowrap}
        .rag-green{background:#00703c}.rag-amber{background:#b35900}.rag-red{background:#d4351c}.rag-off{background:#505a5f}
        .reason{font-weight:600}
        .muted{color:#505a5f;font-size:13px}
        .panel{background:#fff;padding:12px 16px;margin:12px 0;border-left:5px solid #1d70b8}
        .panel.warn{border-left-color:#d4351c}
        .summary{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 12px}
        .summary div{background:#fff;padding:8px 14px;min-width:90px}
        .summary b{display:block;font-size:22px}
        .alert{color:#d4351c;font-weight:600}
        form.inline{display:inline-flex;gap:6px;align-items:center;flex-wrap:wrap}
        input,select{font:inherit;padding:4px 6px}
        input[type=number]{width:5em}
        .caption{margin:12px 0 2px;font-weight:600;font-size:14px}
        button{font:inherit;padding:4px 12px;cursor:pointer}
        button.danger{background:#d4351c;color:#fff;border:0}
        button.primary{background:#00703c;color:#fff;border:0}
        .legend span{display:inline-block;margin-right:12px;font-size:13px}
        .legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
        .error{color:#d4351c;font-weight:700}
        .signin{background:#fff;padding:16px;max-width:360px}
        .signin label{display:block;margin-top:8px;font-weight:600}
        .signin input{width:100%;box-sizing:border-box}
        .signin button{margin-top:12px}
        """;
}
