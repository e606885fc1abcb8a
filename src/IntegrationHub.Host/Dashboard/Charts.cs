using System.Globalization;
using System.Text;

namespace IntegrationHub.Host.Dashboard;

/// <summary>Charts as inline SVG, drawn on the server: no script library, nothing fetched.</summary>
public static class Charts
{
    public const string AppliedColour = "#00703c";
    public const string HeldColour = "#f47738";
    public const string RejectedColour = "#d4351c";
    public const string DeadColour = "#0b0c0c";

    /// <summary>Stacked bars of outcomes per bucket. Each bar carries its numbers (data-*) and a tooltip (title).</summary>
    public static string Outcomes(IReadOnlyList<Bucket> buckets, int width, int height, string label, Func<DateTimeOffset, string> bucketName, bool axis = true)
    {
        var max = Math.Max(1, buckets.Max(b => b.Counts.Received));
        var top = axis ? 14 : 1;
        var bottom = axis ? 16 : 1;
        var plot = height - top - bottom;
        var step = (double)width / buckets.Count;
        var bar = Math.Max(1, step - (step > 4 ? 1 : 0));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{Html.E(label)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{top}\" width=\"{width}\" height=\"{plot}\" fill=\"#f8f8f8\"/>");
        for (var i = 0; i < buckets.Count; i++)
        {
            var c = buckets[i].Counts;
            var x = i * step;
            var y = (double)(top + plot);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-received=\"{c.Received}\" data-rejected=\"{c.Rejected}\"><title>{Html.E(bucketName(buckets[i].Start))}: {c.Received} received, {c.Applied} applied, {c.Held} held, {c.Rejected} rejected, {c.DeadLettered} dead-lettered</title>");
            foreach (var (count, colour) in new[] { (c.Applied, AppliedColour), (c.Held, HeldColour), (c.Rejected, RejectedColour), (c.DeadLettered, DeadColour) })
            {
                if (count == 0)
                {
                    continue;
                }

                var h = Math.Max(1.5, (double)plot * count / max);
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{bar:0.##}\" height=\"{h:0.##}\" fill=\"{colour}\"/>");
            }

            // An empty bucket still answers hover with its tooltip.
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{top}\" width=\"{bar:0.##}\" height=\"{plot}\" fill=\"transparent\"/></g>");
        }

        if (axis)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"11\" font-size=\"11\" fill=\"#505a5f\">max {max} per bar</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{height - 3}\" font-size=\"11\" fill=\"#505a5f\">{Html.E(bucketName(buckets[0].Start))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{height - 3}\" font-size=\"11\" fill=\"#505a5f\" text-anchor=\"end\">{Html.E(bucketName(buckets[^1].Start))}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Rejection rate per bucket, 0-100 %, with the alert threshold as a dashed line.</summary>
    public static string RejectionRate(IReadOnlyList<Bucket> buckets, int width, int height, double? threshold, Func<DateTimeOffset, string> bucketName)
    {
        const int top = 14, bottom = 16;
        var plot = height - top - bottom;
        var step = (double)width / buckets.Count;
        var bar = Math.Max(1, step - 1);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"Rejected share per day\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{top}\" width=\"{width}\" height=\"{plot}\" fill=\"#f8f8f8\"/>");
        for (var i = 0; i < buckets.Count; i++)
        {
            var rate = buckets[i].Counts.RejectedPercent;
            var h = rate is { } r ? Math.Max(r > 0 ? 1.5 : 0, plot * r / 100) : 0;
            var text = rate is { } p ? HealthAssessment.Percent(p) + " rejected" : "nothing received";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"rate\" data-percent=\"{rate?.ToString("0.#", CultureInfo.InvariantCulture) ?? string.Empty}\"><title>{Html.E(bucketName(buckets[i].Start))}: {text}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * step:0.##}\" y=\"{top + plot - h:0.##}\" width=\"{bar:0.##}\" height=\"{h:0.##}\" fill=\"{RejectedColour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * step:0.##}\" y=\"{top}\" width=\"{bar:0.##}\" height=\"{plot}\" fill=\"transparent\"/></g>");
        }

        if (threshold is { } t)
        {
            var y = top + plot - (plot * t / 100);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" x2=\"{width}\" y1=\"{y:0.##}\" y2=\"{y:0.##}\" stroke=\"#0b0c0c\" stroke-dasharray=\"4 3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - 2}\" y=\"{Math.Max(11, y - 3):0.##}\" font-size=\"11\" text-anchor=\"end\" fill=\"#0b0c0c\">alert above {HealthAssessment.Percent(t)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"11\" font-size=\"11\" fill=\"#505a5f\">100%</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{height - 3}\" font-size=\"11\" fill=\"#505a5f\">{Html.E(bucketName(buckets[0].Start))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{height - 3}\" font-size=\"11\" fill=\"#505a5f\" text-anchor=\"end\">{Html.E(bucketName(buckets[^1].Start))}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Legend() =>
        $"<div class=\"legend\"><span><i style=\"background:{AppliedColour}\"></i>applied</span><span><i style=\"background:{HeldColour}\"></i>held for review</span><span><i style=\"background:{RejectedColour}\"></i>rejected</span><span><i style=\"background:{DeadColour}\"></i>dead-lettered</span></div>";
}
