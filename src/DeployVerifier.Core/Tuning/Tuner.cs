using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Quantities;

namespace DeployVerifier.Tuning;

/// <summary>
/// <c>tune</c>: the values under which a checklist judges every labelled past release as labelled. Each release's
/// soak is prepared and its data fetched once (the first judgement, with the checklist as it is); every candidate
/// value is then judged on that data, the leak tests fitted once (<see cref="ReleaseReplay"/>). Per setting and
/// release a bisection finds where the release turns from passing to failing (<see cref="Boundary"/>);
/// <see cref="TuneSolver"/> chooses the values; a smaller tolerance is taken where it keeps every good release
/// passing; the tuned checklist is judged again on every release, and each value left one release out.
/// </summary>
public sealed class Tuner(IMetricStore store, TimeProvider time, int concurrency)
{
    /// <param name="plan">The checklist, planned once for every release.</param>
    /// <param name="candidates">The releases, oldest first, labelled by their entries.</param>
    /// <param name="written">
    /// Writes the values that move into the checklist and returns its checks as read back, which are then judged on
    /// every release (so what is judged is what is written); null: the tuned checks are judged as computed.
    /// </param>
    /// <param name="cancellationToken">Stops the tune.</param>
    public async Task<TuneResult> TuneAsync(VerificationPlan plan, IReadOnlyList<BacktestCandidate> candidates,
        Func<IReadOnlyList<TunedValue>, IReadOnlyList<CheckDefinition>>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(candidates);
        var memo = new MemoStore(store);
        var now = time.GetUtcNow();
        var replays = new ReleaseReplay[candidates.Count];
        await ForEachAsync(candidates.Count, async (i, token) =>
            replays[i] = new ReleaseReplay(await BacktestRunner.PrepareAsync(plan, candidates[i], memo, now, token).ConfigureAwait(false), memo, time),
            cancellationToken).ConfigureAwait(false);

        var original = plan.Checklist.Checks;
        var before = await JudgeAllAsync(replays, original, cancellationToken).ConfigureAwait(false);
        var fetched = memo.Requests;

        // A release none of whose checks judged anything (its data gone from the store, or never there) says nothing of any value: left out.
        var leftOut = replays.Select((r, i) => !r.Finished ? "its soak is not finished"
            : before[i].Outcome.Checks.All(c => c.Counts.Passed + c.Counts.Failed == 0) ? "no check had data to judge over its soak" : null).ToArray();
        var labelled = Enumerable.Range(0, replays.Length).Where(i => leftOut[i] is null && replays[i].Label is not null).ToList();
        var settings = original.SelectMany(TuneSetting.Of).ToList();
        var boundaries = await BoundariesAsync(replays, labelled, settings, original, cancellationToken).ConfigureAwait(false);
        var solver = new TuneSolver(settings, boundaries, labelled.ToDictionary(i => i, i => replays[i].Bad));
        var solution = solver.Solve();

        var changes = Changes(settings, solution, original, replays, boundaries);
        var tuned = Apply(original, changes);
        tuned = await WithTolerancesAsync(tuned, changes, solution, settings, replays, labelled, cancellationToken).ConfigureAwait(false);
        var tolerances = TolerancesChanged(original, tuned);
        if (written is not null)
        {
            tuned = [.. written([.. changes, .. tolerances])];
        }

        var after = await JudgeAllAsync(replays, tuned, cancellationToken).ConfigureAwait(false);

        var (leaveOneOut, flipped) = LeaveOneOut(solver, solution, labelled);
        var rows = replays.Select((r, i) => new TuneRelease(r.Candidate, before[i], after[i], leftOut[i])).ToList();
        var missed = new List<TuneMiss>();
        foreach (var miss in solution.Missed)
        {
            missed.Add(await MissAsync(miss, settings, original, tuned, replays, boundaries, solution, cancellationToken).ConfigureAwait(false));
        }

        var unfixable = solution.Unfixable.Select(g => replays[g].Candidate).ToList();
        return new TuneResult(rows, [.. changes.Select(c => c with { LeaveOneOutFlips = leaveOneOut.GetValueOrDefault((c.Check, c.Key)) })],
            tolerances, missed, unfixable, tuned, leaveOneOut.GetValueOrDefault(("", "")), labelled.Count)
        {
            Requests = fetched,
            RequestsAfterFirstJudgement = memo.Requests - fetched,
            LeaveOneOutReleases = [.. flipped.Select(r => replays[r].Candidate.Name)],
            LeakFits = replays.Sum(r => r.Fits),
        };
    }

    private async Task<IReadOnlyList<BacktestResult>> JudgeAllAsync(ReleaseReplay[] replays, IReadOnlyList<CheckDefinition> checks,
        CancellationToken cancellationToken)
    {
        var results = new BacktestResult[replays.Length];
        await ForEachAsync(replays.Length, async (i, token) => results[i] = await replays[i].JudgeAsync(checks, token).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        return results;
    }

    /// <summary>Per setting, per labelled release, where it turns from passing to failing (the other values as they are).</summary>
    private async Task<IReadOnlyList<IReadOnlyDictionary<int, Boundary>>> BoundariesAsync(ReleaseReplay[] replays, List<int> labelled,
        List<TuneSetting> settings, IReadOnlyList<CheckDefinition> checks, CancellationToken cancellationToken)
    {
        var found = settings.Select(_ => new System.Collections.Concurrent.ConcurrentDictionary<int, Boundary>()).ToList();
        await ForEachAsync(labelled.Count, async (n, token) =>
        {
            var replay = replays[labelled[n]];
            for (var t = 0; t < settings.Count; t++)
            {
                var setting = settings[t];
                var check = checks.Single(c => c.Name == setting.Check);
                var grid = await GridAsync(replay, setting, check, token).ConfigureAwait(false);

                // A bad release with a deadline is caught only by a failure by then: where that turns is searched too.
                found[t][labelled[n]] = replay.Bad && replay.Deadline is not null
                    ? await Boundary.FindAsync(grid, u => replay.CatchesAsync(setting.Apply(check, u), token)).ConfigureAwait(false)
                    : await Boundary.FindAsync(grid, u => replay.FailsAsync(setting.Apply(check, u), token)).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>The strictnesses searched for a setting on a release, loosest first.</summary>
    private static async Task<IReadOnlyList<double>> GridAsync(ReleaseReplay replay, TuneSetting setting, CheckDefinition check, CancellationToken cancellationToken) =>
        setting.Grid(setting.Log ? [] : await ObservedAsync(replay, setting.Open(check), cancellationToken).ConfigureAwait(false));

    /// <summary>Every value the check's series showed over the release's soak, the check never failing on its bound.</summary>
    private static async Task<List<double>> ObservedAsync(ReleaseReplay replay, CheckDefinition open, CancellationToken cancellationToken)
    {
        var result = await replay.JudgeOneAsync(open, cancellationToken).ConfigureAwait(false);
        return [.. result.Evaluations.SelectMany(e => (e.SeriesValues ?? []).Select(v => v.Value).Concat(e.Value is { } value ? [value] : []))];
    }

    /// <summary>
    /// A bad release no value catches: the setting that came closest, the value it would need and the good release that
    /// forbids it; or, for a release failed only after its deadline, when the strictest value the good releases allow fails it.
    /// </summary>
    private static async Task<TuneMiss> MissAsync(TuneSolverMiss miss, List<TuneSetting> settings, IReadOnlyList<CheckDefinition> checks,
        IReadOnlyList<CheckDefinition> tuned, ReleaseReplay[] replays, IReadOnlyList<IReadOnlyDictionary<int, Boundary>> boundaries, TuneSolution solution, CancellationToken cancellationToken)
    {
        var replay = replays[miss.Release];
        if (miss.Setting < 0)
        {
            return new TuneMiss(replay.Candidate, null, null);
        }

        var setting = settings[miss.Setting];
        var check = checks.Single(c => c.Name == setting.Check);
        var hi = solution.ClosestGood[miss.Setting];
        // A good release bounds the value only when it fails at some value searched (+∞: every good release passes every value).
        var blocker = double.IsFinite(hi)
            ? boundaries[miss.Setting].Where(b => !replays[b.Key].Bad && b.Value.PassU == hi).Select(b => replays[b.Key].Candidate.Name).FirstOrDefault()
            : null;
        string Show(double u) => TuneValueText.Show(setting.Kind, setting.UnitIn(check), setting.ValueAt(u), 3);
        var found = new TuneMiss(replay.Candidate, setting.Check, setting.Key)
        {
            NeedsAbout = Show(boundaries[miss.Setting][miss.Release].InTimeFailU),
            Blocker = blocker,
            BlockerFailsAbout = double.IsFinite(hi) ? Show(hi) : null,
            HigherIsStricter = setting.HigherIsStricter,
        };
        if (!miss.Late)
        {
            return found;
        }

        // The earliest the check fails it without failing a good release: at the strictest value they allow (or searched),
        // with its tolerance as tuned, so that the time is the one a backtest of the tuned copy would show at that value.
        var u = double.IsFinite(hi) ? hi : (await GridAsync(replay, setting, check, cancellationToken).ConfigureAwait(false))[^1];
        var tolerance = tuned.FirstOrDefault(c => c.Name == check.Name)?.Tolerance ?? check.Tolerance;
        var after = await replay.FailedAfterAsync(setting.Apply(check with { Tolerance = tolerance }, u), cancellationToken).ConfigureAwait(false);
        return after is null ? found : found with { NeedsAbout = Show(u), FailedAfter = after };
    }

    /// <summary>The values that move, written as the checklist will hold them.</summary>
    private static List<TunedValue> Changes(List<TuneSetting> settings, TuneSolution solution, IReadOnlyList<CheckDefinition> checks,
        ReleaseReplay[] replays, IReadOnlyList<IReadOnlyDictionary<int, Boundary>> boundaries)
    {
        var changes = new List<TunedValue>();
        for (var t = 0; t < settings.Count; t++)
        {
            var setting = settings[t];
            if (solution.Chosen[t] == setting.OriginalU)
            {
                continue;
            }

            var check = checks.Single(c => c.Name == setting.Check);
            var lo = solution.Assigned[t].Select(b => boundaries[t][b].InTimeFailU).DefaultIfEmpty(double.NegativeInfinity).Max();
            var hi = solution.ClosestGood[t];
            var (text, value) = TuneValueText.Write(setting.Kind, setting.UnitIn(check), setting.ValueAt(solution.Chosen[t]), v =>
            {
                var u = setting.StrictnessOf(v);
                return u >= lo && u <= hi && (setting.Log ? v > 0 : true);
            });
            var u = setting.StrictnessOf(value);
            var closestGood = boundaries[t].Where(b => !replays[b.Key].Bad && b.Value.PassU == hi).Select(b => replays[b.Key].Candidate.Name).FirstOrDefault();
            var closestBad = solution.Assigned[t].Where(b => boundaries[t][b].InTimeFailU == lo).Select(b => replays[b].Candidate.Name).FirstOrDefault();
            changes.Add(new TunedValue(setting.Check, setting.Key, TuneValueText.Show(setting.Kind, setting.UnitIn(check), setting.Original), text, value)
            {
                Setting = setting,
                Strictness = u,
                Catches = [.. solution.Assigned[t].Select(b => replays[b].Candidate.Name)],
                ClosestGood = closestGood,
                ClosestBad = closestBad,
                ClosestGoodAt = double.IsFinite(hi) ? TuneValueText.Show(setting.Kind, setting.UnitIn(check), setting.ValueAt(hi), 3) : null,
                ClosestBadAt = double.IsFinite(lo) ? TuneValueText.Show(setting.Kind, setting.UnitIn(check), setting.ValueAt(lo), 3) : null,
            });
            if (setting.Kind == SettingKind.Max && setting.Log && check.Baseline is { } baseline)
            {
                // The baseline's upper bounds move with the value tuned (TuneSetting.Apply): each one that changed is written too.
                var moved = setting.Apply(check, u).Baseline!;
                var followers = new (string Key, double? Before, double? After, QuantityUnit Unit)[]
                {
                    ("baseline.maxIncrease", baseline.MaxIncrease, moved.MaxIncrease, check.Unit),
                    ("baseline.maxFactor", baseline.MaxFactor, moved.MaxFactor, QuantityUnit.Number),
                };
                var primary = setting.Key;
                foreach (var (key, before, after, unit) in followers.Where(f => f.Key != primary && f.Before is not null && f.Before != f.After))
                {
                    var (followText, followValue) = TuneValueText.Write(SettingKind.Max, unit, after!.Value, _ => true);
                    changes.Add(new TunedValue(setting.Check, key, TuneValueText.Show(SettingKind.Max, unit, before!.Value), followText, followValue)
                    {
                        Follows = primary,
                    });
                }
            }
        }

        return changes;
    }

    /// <summary>The checks with the tuned values (a baseline's maxIncrease moved with its max, by the same factor).</summary>
    private static List<CheckDefinition> Apply(IReadOnlyList<CheckDefinition> checks, IReadOnlyList<TunedValue> changes) =>
        [.. checks.Select(check => changes.Where(c => c.Check == check.Name && c.Setting is not null)
            .Aggregate(check, (c, change) => change.Setting!.Apply(c, change.Strictness)))];

    /// <summary>Where a value moved, the smallest tolerance under which every good release still passes and every bad one it catches still fails.</summary>
    private async Task<List<CheckDefinition>> WithTolerancesAsync(List<CheckDefinition> tuned, List<TunedValue> changes, TuneSolution solution, List<TuneSetting> settings, ReleaseReplay[] replays, List<int> labelled,
        CancellationToken cancellationToken)
    {
        var result = new List<CheckDefinition>(tuned);
        foreach (var name in changes.Where(c => c.Setting is { HasTolerance: true }).Select(c => c.Check).Distinct())
        {
            var index = result.FindIndex(c => c.Name == name);
            var check = result[index];
            var catches = settings.Select((s, t) => (s, t)).Where(x => x.s.Check == name).SelectMany(x => solution.Assigned[x.t]).ToHashSet();
            for (var tolerance = 0; tolerance < check.Tolerance; tolerance++)
            {
                var candidate = check with { Tolerance = tolerance };
                var fails = new (bool Fails, bool InTime)[labelled.Count];
                await ForEachAsync(labelled.Count, async (n, token) =>
                    fails[n] = await replays[labelled[n]].CatchesAsync(candidate, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

                // A bad release it catches must still be failed by its deadline.
                var keeps = labelled.Select((r, n) => replays[r].Bad ? !catches.Contains(r) || fails[n].InTime : !fails[n].Fails).All(ok => ok);
                if (keeps)
                {
                    result[index] = candidate;
                    break;
                }
            }
        }

        return result;
    }

    private static List<TunedValue> TolerancesChanged(IReadOnlyList<CheckDefinition> original, List<CheckDefinition> tuned) =>
        [.. original.Zip(tuned).Where(p => p.First.Tolerance != p.Second.Tolerance).Select(p => new TunedValue(p.First.Name, "tolerance",
            p.First.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture),
            p.Second.Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Second.Tolerance))];

    /// <summary>
    /// Each labelled release left out in turn: the values tuned without it, and whether it is then judged as labelled.
    /// Per value, the releases that flip when that value alone is tuned without them; under ("", ""), those that flip at all.
    /// </summary>
    private static (Dictionary<(string Check, string Key), int> Flips, List<int> Flipped) LeaveOneOut(TuneSolver solver, TuneSolution solution, List<int> labelled)
    {
        var flips = new Dictionary<(string, string), int>();
        var flipped = new List<int>();
        foreach (var release in labelled)
        {
            var without = solver.Solve(release).Chosen;
            if (solver.JudgedAsLabelled(release, without) == false)
            {
                flips[("", "")] = flips.GetValueOrDefault(("", "")) + 1;
                flipped.Add(release);
            }

            for (var t = 0; t < solver.Settings.Count; t++)
            {
                var alone = solution.Chosen.ToArray();
                alone[t] = without[t];
                if (without[t] != solution.Chosen[t] && solver.JudgedAsLabelled(release, alone) == false)
                {
                    var key = (solver.Settings[t].Check, solver.Settings[t].Key);
                    flips[key] = flips.GetValueOrDefault(key) + 1;
                }
            }
        }

        return (flips, flipped);
    }

    private Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, body);
}
