using DeployVerifier.Metrics;

namespace DeployVerifier.Evaluation;

/// <summary>
/// The redundancy arithmetic: if the <c>spare</c> busiest instances were lost and their whole measured load spread
/// evenly over the others (as a load balancer does), how much of its capacity would the busiest survivor need?
/// </summary>
internal static class FleetRedundancy
{
    /// <summary>The fleet after losing its <paramref name="spare"/> busiest instances; null when none would survive.</summary>
    /// <param name="fleet">Each instance's load and capacity (finite, capacity above 0).</param>
    /// <param name="spare">How many instances are lost.</param>
    public static RedundancyAssessment? Assess(IReadOnlyList<(Labels Labels, double Load, double Capacity)> fleet, int spare)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentOutOfRangeException.ThrowIfNegative(spare);
        if (fleet.Count <= spare)
        {
            return null;
        }

        var byLoad = fleet.OrderByDescending(i => i.Load).ToList();
        var lost = byLoad.Take(spare).ToList();
        var survivors = byLoad.Skip(spare).ToList();
        var share = lost.Sum(i => i.Load) / survivors.Count;
        var worst = survivors.Select(i => (i.Labels, Utilization: (i.Load + share) / i.Capacity)).MaxBy(i => i.Utilization);
        var now = fleet.Select(i => i.Load / i.Capacity).ToList();
        return new RedundancyAssessment(fleet.Count, spare, now.Min(), now.Max(), worst.Utilization, worst.Labels);
    }
}

/// <summary>What the fleet would come to after losing its busiest instances.</summary>
/// <param name="Instances">Instances in the fleet.</param>
/// <param name="Lost">Instances lost (the busiest).</param>
/// <param name="LeastUtilization">The least utilization of an instance now.</param>
/// <param name="MostUtilization">The greatest utilization of an instance now.</param>
/// <param name="SurvivorUtilization">The utilization the busiest survivor would need.</param>
/// <param name="Survivor">That survivor.</param>
internal sealed record RedundancyAssessment(int Instances, int Lost, double LeastUtilization, double MostUtilization, double SurvivorUtilization,
    Labels Survivor);
