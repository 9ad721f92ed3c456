using DeployVerifier.Metrics;
using DeployVerifier.Releases;

namespace DeployVerifier.Backtests;

/// <summary>
/// Labels past releases from the metrics, for <c>backtest --label-rollbacks WITHIN</c> (and <c>tune</c>): a release is
/// bad (<see cref="ExpectedVerdict.NotPassed"/>) when, within WITHIN of its start, the previous release's instances
/// appear again while its own go, as after <c>kubectl rollout undo</c> or a fleet put back on the old version; good
/// (<see cref="ExpectedVerdict.Passed"/>) otherwise; unlabelled while its WITHIN is not over. Instances are counted
/// with the checklist's <c>release.instances</c>, on Kubernetes and on VM fleets alike.
/// </summary>
public static class RollbackLabeler
{
    /// <summary>The annotation deploy-verifier's Kubernetes rollback puts on the Deployment: the release it undid.</summary>
    public const string ReleaseAnnotation = "deploy-verifier.dev/rolled-back-release";

    /// <summary>The annotation beside it: when (RFC 3339).</summary>
    public const string AtAnnotation = "deploy-verifier.dev/rolled-back-at";

    /// <summary>
    /// kube-state-metrics' series of <see cref="ReleaseAnnotation"/>, present only when it is allowed
    /// (<c>--metric-annotations-allowlist=deployments=[deploy-verifier.dev/rolled-back-release]</c>); without it no
    /// rollback can be told apart as the verifier's.
    /// </summary>
    public const string RolledBackQuery = "kube_deployment_annotations{" + RolledBackLabel + "!=\"\"}";

    private const string RolledBackLabel = "annotation_deploy_verifier_dev_rolled_back_release";

    private const int PointsPerRelease = 500;

    private static readonly TimeSpan MinStep = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The candidates with <see cref="BacktestCandidate.Label"/> set (and <see cref="BacktestCandidate.RolledBackByVerifier"/>
    /// for a rolled-back release that the annotation names), in the same order; throws <see cref="MetricStoreException"/>.
    /// Two range queries per release whose WITHIN is over (its instances and its predecessor's), and one for the annotation.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="lookup">The checklist's rendered <c>release</c> section: <c>release.instances</c> and its label.</param>
    /// <param name="candidates">The releases, each with its predecessor.</param>
    /// <param name="within">How long after a release's start a rollback counts, e.g. 2 hours.</param>
    /// <param name="now">The time of the run: a release whose WITHIN ends after it is left unlabelled.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<IReadOnlyList<BacktestCandidate>> LabelAsync(IMetricStore store, ReleaseLookup lookup, IReadOnlyList<BacktestCandidate> candidates,
        TimeSpan within, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(within, TimeSpan.Zero);
        var step = Step(within, lookup.Lookback);
        var labelled = new List<BacktestCandidate>();
        foreach (var candidate in candidates)
        {
            var start = candidate.Release.StartedAt;
            if (start + within > now || !candidate.Identified)
            {
                labelled.Add(candidate);
                continue;
            }

            var rolledBack = false;
            if (candidate.Previous is { } previous)
            {
                var before = await CountsAsync(store, lookup, previous.Name, start, within, step, cancellationToken).ConfigureAwait(false);
                var own = await CountsAsync(store, lookup, candidate.Release.Name, start, within, step, cancellationToken).ConfigureAwait(false);
                rolledBack = RolledBack(before, own);
            }

            labelled.Add(candidate with { Label = rolledBack ? ExpectedVerdict.NotPassed : ExpectedVerdict.Passed });
        }

        var undone = labelled.Where(c => c.Label == ExpectedVerdict.NotPassed).ToList();
        if (undone.Count == 0)
        {
            return labelled;
        }

        var from = undone.Min(c => c.Release.StartedAt);
        var to = undone.Max(c => c.Release.StartedAt) + within;
        var annotations = new List<Series>();
        foreach (var (start, end, gridStep) in ReleaseFinder.Grid(from, to, lookup.Lookback))
        {
            annotations.AddRange((await store.QueryRangeAsync(RolledBackQuery, start, end, gridStep, cancellationToken).ConfigureAwait(false)).Series);
        }

        return [.. labelled.Select(c => c.Label == ExpectedVerdict.NotPassed && AnnotatedWithin(annotations, c.Release, within) ? c with { RolledBackByVerifier = true } : c)];
    }

    /// <summary>
    /// Whether the counts show a rollback: at some point the previous release has more instances than it had at its
    /// fewest so far (they appear again), while this one has fewer than at its most so far (its own go).
    /// </summary>
    /// <param name="previous">The previous release's instances at each step from the release's start.</param>
    /// <param name="own">The release's own instances at the same steps.</param>
    internal static bool RolledBack(IReadOnlyList<int> previous, IReadOnlyList<int> own)
    {
        var fewest = int.MaxValue;
        var most = 0;
        for (var i = 0; i < Math.Min(previous.Count, own.Count); i++)
        {
            fewest = Math.Min(fewest, previous[i]);
            most = Math.Max(most, own[i]);
            if (previous[i] > fewest && own[i] < most)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>About <see cref="PointsPerRelease"/> steps over WITHIN, from 15 s, never longer than the store's lookback (a longer step could miss instances).</summary>
    internal static TimeSpan Step(TimeSpan within, TimeSpan lookback)
    {
        var seconds = Math.Max(MinStep.TotalSeconds, Math.Ceiling(within.TotalSeconds / PointsPerRelease));
        return TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(MinStep.TotalSeconds, Math.Floor(lookback.TotalSeconds))));
    }

    /// <summary>The instances of <paramref name="release"/> present at each step of <c>[start, start + within]</c>.</summary>
    private static async Task<IReadOnlyList<int>> CountsAsync(IMetricStore store, ReleaseLookup lookup, string release, DateTimeOffset start, TimeSpan within,
        TimeSpan step, CancellationToken cancellationToken)
    {
        var result = await store.QueryRangeAsync(lookup.InstancesQuery(release), start, start + within, step, cancellationToken).ConfigureAwait(false);
        return Counts(result.Series, lookup.InstanceLabel, start, start + within, step);
    }

    /// <summary>How many distinct instances (values of <paramref name="label"/>) have a sample at each step.</summary>
    internal static IReadOnlyList<int> Counts(IEnumerable<Series> series, string label, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var steps = (int)((end - start) / step) + 1;
        var present = new HashSet<string>?[steps];
        foreach (var s in series)
        {
            if (s.Labels[label] is not { Length: > 0 } instance)
            {
                continue;
            }

            foreach (var sample in s.Samples.Where(p => double.IsFinite(p.Value)))
            {
                var index = (int)Math.Round((sample.Time - start) / step);
                if (index >= 0 && index < steps)
                {
                    (present[index] ??= new HashSet<string>(StringComparer.Ordinal)).Add(instance);
                }
            }
        }

        return [.. present.Select(p => p?.Count ?? 0)];
    }

    private static bool AnnotatedWithin(List<Series> annotations, Release release, TimeSpan within) =>
        annotations.Any(s => s.Labels[RolledBackLabel] == release.Name
            && s.Samples.Any(p => p.Time >= release.StartedAt && p.Time <= release.StartedAt + within));
}
