namespace DeployVerifier.Tuning;

/// <summary>
/// Chooses the settings' strictness from the releases' boundaries alone (pure arithmetic, no judging): every good
/// release passes every setting, every bad release is failed by at least one. Each bad release is assigned to the
/// setting that catches it with the least change (none when the original already does); a setting moves only where
/// needed, to halfway between the closest good release and the closest bad one it must catch (the widest margin).
/// </summary>
/// <param name="Settings">The settings, in the checklist's order.</param>
/// <param name="Boundaries">Per setting, per release (by index), its boundary; the labelled, finished releases only.</param>
/// <param name="Bad">Per release (by index), whether it is labelled bad.</param>
internal sealed record TuneSolver(IReadOnlyList<TuneSetting> Settings, IReadOnlyList<IReadOnlyDictionary<int, Boundary>> Boundaries,
    IReadOnlyDictionary<int, bool> Bad)
{
    /// <summary>The margin left when only good releases bound a setting: a factor of 1.5 on a log scale.</summary>
    private static readonly double LogMargin = Math.Log(1.5);

    /// <summary>Solves with every labelled release, or without <paramref name="leftOut"/> (leave-one-out).</summary>
    public TuneSolution Solve(int? leftOut = null)
    {
        var goods = Bad.Where(b => !b.Value && b.Key != leftOut).Select(b => b.Key).ToList();
        var bads = Bad.Where(b => b.Value && b.Key != leftOut).Select(b => b.Key).ToList();
        var closestGood = Settings.Select((_, t) => goods.Select(g => Boundaries[t][g].PassU).DefaultIfEmpty(double.PositiveInfinity).Min()).ToList();

        var assigned = Settings.Select(_ => new List<int>()).ToList();
        var missed = new List<TuneSolverMiss>();
        foreach (var bad in bads)
        {
            // A bad release is caught only by a failure by its deadline (where its label gives one): a later one can't be assigned.
            var options = Enumerable.Range(0, Settings.Count)
                .Where(t => !Boundaries[t][bad].NeverInTime && Boundaries[t][bad].InTimeFailU <= closestGood[t])
                .ToList();
            if (options.Count == 0)
            {
                missed.Add(Miss(bad, closestGood));
                continue;
            }

            var best = options.MinBy(t => Cost(t, Boundaries[t][bad].InTimeFailU));
            assigned[best].Add(bad);
        }

        var chosen = new double[Settings.Count];
        var unfixable = new HashSet<int>();
        for (var t = 0; t < Settings.Count; t++)
        {
            var setting = Settings[t];
            var u0 = setting.OriginalU;
            var hi = closestGood[t];
            var lo = assigned[t].Select(b => Boundaries[t][b].InTimeFailU).DefaultIfEmpty(double.NegativeInfinity).Max();
            if (double.IsNegativeInfinity(hi))
            {
                // A good release fails on this check however loose the value: no value fixes it.
                unfixable.UnionWith(goods.Where(g => Boundaries[t][g].AlwaysFails));
                chosen[t] = u0;
            }
            else if (u0 >= lo && u0 <= hi)
            {
                chosen[t] = u0;
            }
            else if (assigned[t].Count > 0)
            {
                chosen[t] = double.IsPositiveInfinity(hi) ? lo + Margin(setting, lo) : (lo + hi) / 2;
            }
            else
            {
                // Too strict for a good release, and catching no bad one that needs it: halfway to the next bad one, or a margin.
                var below = bads.Select(b => Boundaries[t][b].InTimeFailU).Where(u => u < hi).DefaultIfEmpty(double.NaN).Max();
                chosen[t] = double.IsNaN(below) ? hi - Margin(setting, hi) : (below + hi) / 2;
            }
        }

        return new TuneSolution(chosen, [.. assigned.Select(a => (IReadOnlyList<int>)a)], missed, [.. unfixable.Order()], closestGood);
    }

    /// <summary>
    /// Whether release <paramref name="release"/> is judged as labelled at strictnesses <paramref name="chosen"/>: a good
    /// one passes every setting, a bad one fails at least one (by its deadline, where it has one); null when some
    /// setting was never tried that far.
    /// </summary>
    public bool? JudgedAsLabelled(int release, IReadOnlyList<double> chosen)
    {
        var at = Enumerable.Range(0, Settings.Count).Select(t => (Boundary: Boundaries[t][release], U: chosen[t])).ToList();
        return Bad[release]
            ? at.Any(x => x.U >= x.Boundary.InTimeFailU) ? true : at.All(x => x.U <= x.Boundary.InTimePassU) ? false : null
            : at.All(x => x.U <= x.Boundary.PassU) ? true : at.Any(x => x.U >= x.Boundary.FailU) ? false : null;
    }

    /// <summary>
    /// Why no value catches bad release <paramref name="bad"/> in time: a setting whose values good releases allow fails
    /// it, but only after its deadline (the one that moves least); else the setting that came closest to failing it in
    /// time at a value the good releases allow (−1: none fails it in time at any value).
    /// </summary>
    private TuneSolverMiss Miss(int bad, List<double> closestGood)
    {
        var late = Enumerable.Range(0, Settings.Count).Where(t => !Boundaries[t][bad].NeverFails && Boundaries[t][bad].FailU <= closestGood[t]).ToList();
        if (late.Count > 0)
        {
            var t = late.MinBy(t => Cost(t, Boundaries[t][bad].FailU));
            return new TuneSolverMiss(bad, t, Boundaries[t][bad].InTimeFailU - closestGood[t]) { Late = true };
        }

        var closest = Enumerable.Range(0, Settings.Count).Where(t => !Boundaries[t][bad].NeverInTime)
            .Select(t => (t, Gap: Boundaries[t][bad].InTimeFailU - closestGood[t])).OrderBy(x => x.Gap).FirstOrDefault((t: -1, Gap: double.PositiveInfinity));
        return new TuneSolverMiss(bad, closest.t, closest.Gap);
    }

    /// <summary>How much stricter a setting must become to reach <paramref name="u"/>, relative to its value on a linear scale.</summary>
    private double Cost(int t, double u)
    {
        var setting = Settings[t];
        var change = Math.Max(0, u - setting.OriginalU);
        return setting.Log ? change : change / Math.Max(1, Math.Abs(setting.Original));
    }

    private static double Margin(TuneSetting setting, double u) => setting.Log ? LogMargin : Math.Max(1, Math.Abs(u)) / 2;
}

/// <summary>What <see cref="TuneSolver"/> chose.</summary>
/// <param name="Chosen">Per setting, its strictness (the original's where it did not move).</param>
/// <param name="Assigned">Per setting, the bad releases it is to catch.</param>
/// <param name="Missed">Bad releases no value separates from the good ones (or none fails in time), each with the setting that came closest.</param>
/// <param name="Unfixable">Good releases that fail however loose a value is.</param>
/// <param name="ClosestGood">Per setting, the strictness at which the closest good release still passes.</param>
internal sealed record TuneSolution(IReadOnlyList<double> Chosen, IReadOnlyList<IReadOnlyList<int>> Assigned,
    IReadOnlyList<TuneSolverMiss> Missed, IReadOnlyList<int> Unfixable, IReadOnlyList<double> ClosestGood);

/// <summary>A bad release no value catches (in time, where its label gives a deadline).</summary>
/// <param name="Release">The release, by index.</param>
/// <param name="Setting">The setting that came closest; −1 when none fails it (in time) at any value searched.</param>
/// <param name="Gap">How much stricter than the good releases allow it would have to be to fail it (in time); +∞ when no value would.</param>
internal sealed record TuneSolverMiss(int Release, int Setting, double Gap)
{
    /// <summary>The setting fails it at a value the good releases allow, but only after its deadline.</summary>
    public bool Late { get; init; }
}
