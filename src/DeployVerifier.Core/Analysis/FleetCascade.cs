namespace DeployVerifier.Analysis;

/// <summary>
/// Projects how a leak takes a fleet down, one instance after another. Every instance grows at its own rate towards
/// its limit; one that reaches it is out for <c>downtime</c> (killed, restarting, crash-loop back-off; by default for
/// good, the worst case), and while it is
/// out the load balancer spreads its traffic over the instances still up. A growth that follows the requests served
/// (a leak per request) then speeds up by the same factor: with <c>n</c> instances and <c>d</c> out, each survivor
/// serves <c>n / (n − d)</c> times its share, so the next one is due sooner, and so on. Pure: rates in, times out.
/// </summary>
/// <remarks>
/// The model's assumptions, stated in the README: the traffic is spread evenly over the instances that are up; each
/// instance keeps the rate measured at the decision (times the load factor); an instance back from its downtime
/// carries its share again and starts far from its limit (its own second kill is not projected); the projection
/// stops at the horizon.
/// </remarks>
internal static class FleetCascade
{
    /// <summary>Projects when each instance first reaches its limit.</summary>
    /// <param name="instances">Each instance's headroom (limit − current peak, base units) and growth rate (base units per second; 0 or less: not growing).</param>
    /// <param name="growsWithLoad">Whether an instance's growth follows the traffic it serves.</param>
    /// <param name="downtime">How long an instance that reaches its limit is out; null: it stays out.</param>
    /// <param name="horizon">How far ahead to project.</param>
    /// <returns>Per instance, in the order given, the time from now until it first reaches its limit; null for one that does not within the horizon.</returns>
    public static IReadOnlyList<TimeSpan?> Project(IReadOnlyList<(double Headroom, double SlopePerSecond)> instances, bool growsWithLoad,
        TimeSpan? downtime, TimeSpan horizon)
    {
        var n = instances.Count;
        var remaining = instances.Select(i => Math.Max(0, i.Headroom)).ToArray();
        var reachedAt = new double?[n];
        var backAt = new double[n];
        var due = new double[n];
        var end = horizon.TotalSeconds;
        var now = 0.0;
        while (reachedAt.Any(r => r is null))
        {
            var down = Enumerable.Range(0, n).Count(i => reachedAt[i] is not null && backAt[i] > now);
            var load = growsWithLoad && down < n ? (double)n / (n - down) : 1;

            // The next event: an instance still up reaching its limit for the first time, or one coming back.
            var next = end;
            for (var i = 0; i < n; i++)
            {
                due[i] = reachedAt[i] is null && instances[i].SlopePerSecond > 0
                    ? now + remaining[i] / (instances[i].SlopePerSecond * load)
                    : double.PositiveInfinity;
                next = Math.Min(next, reachedAt[i] is not null && backAt[i] > now ? backAt[i] : due[i]);
            }

            if (next >= end)
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                if (double.IsFinite(due[i]))
                {
                    remaining[i] -= instances[i].SlopePerSecond * load * (next - now);
                    if (due[i] <= next)
                    {
                        reachedAt[i] = next;
                        backAt[i] = downtime is { } away ? next + away.TotalSeconds : double.PositiveInfinity;
                    }
                }
            }

            now = next;
        }

        return reachedAt.Select(r => r is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null).ToList();
    }
}
