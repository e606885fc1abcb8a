using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Matching;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>Settings of the live linking stage. Bound from configuration section "Linking".</summary>
public sealed class LinkingOptions
{
    public const string Section = "Linking";

    /// <summary>Link applied fragments to child records. Off only for intake-only benchmarks.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At or above: link (match). Default 0.95, as the matching engine's batch default.</summary>
    [Range(0.0, 1.0)]
    public double MatchProbability { get; set; } = 0.95;

    /// <summary>At or above, and below <see cref="MatchProbability"/>: held for review (possible match). Below: a new child record.</summary>
    [Range(0.0, 1.0)]
    public double PossibleMatchProbability { get; set; } = 0.5;

    /// <summary>
    /// The prior that a fragment and a known record are the same child, used with the built-in model when no
    /// <see cref="ModelPath"/> is given. Roughly 1 / (children in the store); a smaller prior links less and holds more.
    /// </summary>
    [Range(1e-12, 0.5)]
    public double PriorMatchProbability { get; set; } = 1e-4;

    /// <summary>A MatchModel JSON file estimated from the hub's data (`hub link` writes one); the built-in starting values when empty.</summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Source reliability per data item for the best view, e.g. { Item = "dateOfBirth", Source = "registration*", Rank = 10 }.
    /// Item "*" means every item; Source is an exact id, a prefix ending in "*", or "*". Unlisted sources rank 0.
    /// </summary>
    public List<ReliabilityRule> Reliability { get; set; } = [];

    internal MatchingOptions Matching() => new()
    {
        Thresholds = new MatchThresholds { MatchProbability = MatchProbability, PossibleMatchProbability = PossibleMatchProbability },
    };

    internal MatchModel Model(MatchEngine engine)
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            return MatchModel.FromDefaults(engine.Comparators, PriorMatchProbability);
        }

        var model = JsonSerializer.Deserialize<MatchModel>(File.ReadAllText(ModelPath), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{ModelPath} holds no match model.");
        model.EnsureFits(engine.Comparators);
        return model;
    }
}
