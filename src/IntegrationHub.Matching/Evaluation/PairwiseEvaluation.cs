namespace IntegrationHub.Matching.Evaluation;

/// <summary>Pairwise agreement between a predicted clustering and the truth.</summary>
/// <param name="TruePositives">Record pairs together in both.</param>
/// <param name="FalsePositives">Record pairs predicted together but apart in the truth.</param>
/// <param name="FalseNegatives">Record pairs together in the truth but predicted apart.</param>
public sealed record PairwiseScores(long TruePositives, long FalsePositives, long FalseNegatives)
{
    /// <summary>Share of predicted pairs that are true (1 when nothing was predicted).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1.0 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>Share of true pairs that were predicted (1 when there are none).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1.0 : TruePositives / (double)(TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0.0 : 2 * Precision * Recall / (Precision + Recall);

    /// <inheritdoc />
    public override string ToString() =>
        $"precision {Precision:0.0000}, recall {Recall:0.0000}, F1 {F1:0.0000} (TP {TruePositives}, FP {FalsePositives}, FN {FalseNegatives})";
}

/// <summary>Pairwise precision, recall and F1 of a clustering against a truth clustering.</summary>
public static class PairwiseEvaluation
{
    /// <summary>
    /// Compares two clusterings of the same records, given as one cluster label per record in the same order.
    /// Counts pairs via the contingency table, so it is linear in the number of records.
    /// </summary>
    public static PairwiseScores Evaluate<TPredicted, TTruth>(IReadOnlyList<TPredicted> predicted, IReadOnlyList<TTruth> truth)
        where TPredicted : notnull
        where TTruth : notnull
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count)
        {
            throw new ArgumentException("Both clusterings must label the same records.", nameof(truth));
        }

        var predictedSizes = new Dictionary<TPredicted, long>();
        var truthSizes = new Dictionary<TTruth, long>();
        var jointSizes = new Dictionary<(TPredicted, TTruth), long>();
        for (var i = 0; i < predicted.Count; i++)
        {
            predictedSizes[predicted[i]] = predictedSizes.GetValueOrDefault(predicted[i]) + 1;
            truthSizes[truth[i]] = truthSizes.GetValueOrDefault(truth[i]) + 1;
            var joint = (predicted[i], truth[i]);
            jointSizes[joint] = jointSizes.GetValueOrDefault(joint) + 1;
        }

        var truePositives = jointSizes.Values.Sum(Pairs);
        var predictedPairs = predictedSizes.Values.Sum(Pairs);
        var truthPairs = truthSizes.Values.Sum(Pairs);
        return new PairwiseScores(truePositives, predictedPairs - truePositives, truthPairs - truePositives);
    }

    /// <summary>
    /// Scores a linkage of two record sets on cross pairs only (one left and one right record), which is all a
    /// linkage decides: pairs within one side are neither credited nor charged. Cluster labels of the two sides
    /// must come from one numbering (as <see cref="Linkage.LinkageResult"/> gives them).
    /// </summary>
    public static PairwiseScores EvaluateLinkage<TPredicted, TTruth>(
        IReadOnlyList<TPredicted> leftPredicted, IReadOnlyList<TTruth> leftTruth, IReadOnlyList<TPredicted> rightPredicted, IReadOnlyList<TTruth> rightTruth)
        where TPredicted : notnull
        where TTruth : notnull
    {
        ArgumentNullException.ThrowIfNull(leftPredicted);
        ArgumentNullException.ThrowIfNull(leftTruth);
        ArgumentNullException.ThrowIfNull(rightPredicted);
        ArgumentNullException.ThrowIfNull(rightTruth);
        if (leftPredicted.Count != leftTruth.Count || rightPredicted.Count != rightTruth.Count)
        {
            throw new ArgumentException("Each side's clusterings must label the same records.");
        }

        var predicted = SideCounts(leftPredicted, rightPredicted, x => x);
        var truth = SideCounts(leftTruth, rightTruth, x => x);
        var joint = SideCounts(
            leftPredicted.Select((p, i) => (p, leftTruth[i])).ToArray(), rightPredicted.Select((p, i) => (p, rightTruth[i])).ToArray(), x => x);

        var truePositives = joint.Values.Sum(c => c.Left * c.Right);
        var predictedPairs = predicted.Values.Sum(c => c.Left * c.Right);
        var truthPairs = truth.Values.Sum(c => c.Left * c.Right);
        return new PairwiseScores(truePositives, predictedPairs - truePositives, truthPairs - truePositives);
    }

    private static Dictionary<TKey, (long Left, long Right)> SideCounts<TLabel, TKey>(IReadOnlyList<TLabel> left, IReadOnlyList<TLabel> right, Func<TLabel, TKey> key)
        where TKey : notnull
    {
        var counts = new Dictionary<TKey, (long Left, long Right)>();
        foreach (var label in left)
        {
            var (l, r) = counts.GetValueOrDefault(key(label));
            counts[key(label)] = (l + 1, r);
        }

        foreach (var label in right)
        {
            var (l, r) = counts.GetValueOrDefault(key(label));
            counts[key(label)] = (l, r + 1);
        }

        return counts;
    }

    private static long Pairs(long size) => size * (size - 1) / 2;
}
