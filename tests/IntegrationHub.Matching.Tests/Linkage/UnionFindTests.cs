using IntegrationHub.Matching.Linkage;

namespace IntegrationHub.Matching.Tests.Linkage;

[TestFixture]
public sealed class UnionFindTests
{
    [Test]
    public void Connected_components_get_one_cluster_number_each_in_order_of_first_element()
    {
        var sets = new UnionFind(6);
        Assert.Multiple(() =>
        {
            Assert.That(sets.Union(4, 5), Is.True);
            Assert.That(sets.Union(0, 4), Is.True);
            Assert.That(sets.Union(5, 0), Is.False);
            Assert.That(sets.Union(2, 3), Is.True);
            Assert.That(sets.ClusterIds(), Is.EqualTo(new[] { 0, 1, 2, 2, 0, 0 }));
        });
    }
}
