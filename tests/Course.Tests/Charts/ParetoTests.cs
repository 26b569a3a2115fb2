using Course.Charts;

namespace Course.Tests.Charts;

public class ParetoTests
{
    [Fact]
    public void Front_keeps_only_undominated_points()
    {
        TradeoffPoint[] points =
        [
            new("big", 0.99, 10, 50),
            new("medium", 0.98, 4, 10),
            new("worse-medium", 0.97, 5, 12), // dominated by medium on all three
            new("tiny", 0.90, 1, 1),
            new("slow-small", 0.95, 20, 0.5), // worst on time but smallest: stays on the 3-objective front
            new("copy-of-tiny", 0.90, 1, 1),  // identical points do not dominate each other
        ];
        var front = Pareto.Front(points, p => p.Accuracy, p => p.Milliseconds, p => p.SizeMB).Select(p => p.Name);
        Assert.Equal(["big", "medium", "tiny", "slow-small", "copy-of-tiny"], front);

        var timeOnly = Pareto.Front(points, p => p.Accuracy, p => p.Milliseconds).Select(p => p.Name);
        Assert.Equal(["big", "medium", "tiny", "copy-of-tiny"], timeOnly);
    }
}
