using IntegrationHub.Matching.Blocking;

namespace IntegrationHub.Matching.Estimation;

/// <summary>How match parameters are estimated from unlabelled data. Bind from configuration section "EstimationSettings".</summary>
public sealed record EstimationSettings
{
    /// <summary>Record pairs drawn at random to estimate u (all pairs are used when there are fewer).</summary>
    public long MaxRandomPairs { get; init; } = 1_000_000;

    /// <summary>Pairs per training pass beyond which pairs are sampled (deterministically) for expectation maximisation.</summary>
    public long MaxPairsPerTrainingPass { get; init; } = 2_000_000;

    /// <summary>Iteration limit for each expectation-maximisation run.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when no m probability (nor lambda) moves by more than this between iterations.</summary>
    public double ConvergenceTolerance { get; init; } = 1e-6;

    /// <summary>
    /// Weight, in pseudo-pairs, of the comparators' starting values in each m update (a Dirichlet prior): keeps
    /// a level the training pairs never show from getting m = 0, which would make it impossible evidence.
    /// </summary>
    public double PriorPseudoPairs { get; init; } = 1.0;

    /// <summary>Starting lambda (share of matches among a training pass's pairs).</summary>
    public double InitialMatchShare { get; init; } = 0.1;

    /// <summary>Seed for the random pair sample, so the same data always gives the same model.</summary>
    public int Seed { get; init; } = 20_071_001;

    /// <summary>Threads used for comparisons; the machine's cores by default.</summary>
    public int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Passes whose pairs train m; each leaves its own blocking fields' comparators to the others.</summary>
    public IReadOnlyList<BlockingPass> TrainingPasses { get; init; } = BlockingPasses.Training;

    /// <summary>Largest block a training pass compares.</summary>
    public int TrainingMaxBlockSize { get; init; } = 1000;

    /// <summary>Throws on values that make no sense.</summary>
    public void Validate()
    {
        if (MaxRandomPairs < 1 || MaxPairsPerTrainingPass < 1 || MaxIterations < 1 || TrainingMaxBlockSize < 2 || DegreeOfParallelism < 1)
        {
            throw new InvalidOperationException("Estimation limits must be positive (TrainingMaxBlockSize at least 2).");
        }

        if (InitialMatchShare is <= 0 or >= 1 || ConvergenceTolerance <= 0 || PriorPseudoPairs < 0)
        {
            throw new InvalidOperationException("InitialMatchShare must lie in (0, 1); ConvergenceTolerance must be positive; PriorPseudoPairs not negative.");
        }
    }
}
