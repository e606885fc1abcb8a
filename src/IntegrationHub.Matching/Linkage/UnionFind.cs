namespace IntegrationHub.Matching.Linkage;

/// <summary>Disjoint sets with path halving and union by size: clusters are the connected components of linked pairs.</summary>
public sealed class UnionFind
{
    private readonly int[] parent;
    private readonly int[] size;

    /// <summary>Creates <paramref name="count"/> singleton sets.</summary>
    public UnionFind(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        parent = new int[count];
        size = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }
    }

    /// <summary>Number of elements.</summary>
    public int Count => parent.Length;

    /// <summary>The representative of the set holding <paramref name="element"/>.</summary>
    public int Find(int element)
    {
        while (parent[element] != element)
        {
            parent[element] = parent[parent[element]];
            element = parent[element];
        }

        return element;
    }

    /// <summary>Merges the sets of two elements; returns false if they were already together.</summary>
    public bool Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB)
        {
            return false;
        }

        if (size[rootA] < size[rootB])
        {
            (rootA, rootB) = (rootB, rootA);
        }

        parent[rootB] = rootA;
        size[rootA] += size[rootB];
        return true;
    }

    /// <summary>Cluster numbers 0, 1, 2, ... in order of each cluster's first element.</summary>
    public int[] ClusterIds()
    {
        var ids = new int[parent.Length];
        var numbering = new Dictionary<int, int>();
        for (var i = 0; i < parent.Length; i++)
        {
            var root = Find(i);
            if (!numbering.TryGetValue(root, out var id))
            {
                id = numbering.Count;
                numbering.Add(root, id);
            }

            ids[i] = id;
        }

        return ids;
    }
}
