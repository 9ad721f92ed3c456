using System.Globalization;
using DeployVerifier.Analysis;
using DeployVerifier.Checklists;
using DeployVerifier.Quantities;
using DeployVerifier.Queries;

namespace DeployVerifier.Plans;

/// <summary>
/// The plan stage's pure step: a loaded checklist and the invocation's flags in, one effective plan (or every error,
/// each with its place) out. <c>verify</c> and <c>validate</c> both use it, so they agree on every rule.
/// </summary>
public static class VerificationPlanner
{
    /// <summary>Stands in for the deploy time while the placeholders' places are checked; the real one is known once the release is found.</summary>
    private static readonly DateTimeOffset StandInTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A <c>--deployed-at</c> before this is a mistake, not a release: 2000-01-01.</summary>
    private static readonly DateTimeOffset EarliestDeploy = StandInTime;

    /// <summary>How far ahead <c>--deployed-at</c> may be (a pipeline clock a little ahead of the store's): 1 day.</summary>
    private static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    public static PlanResult Create(ChecklistLoadResult loaded, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(request);
        if (loaded.Checklist is not { } checklist)
        {
            // Every error at once: a mistyped --var is reported beside the file's own errors.
            var declared = loaded.DeclaredVars ?? [];
            var unknown = request.Vars.Keys
                .Where(name => loaded.DeclaredVars is not null && !declared.Contains(name) && !BuiltInVariables.IsBuiltIn(name))
                .Select(name => QueryVariables.Undeclared(name, declared));
            return new PlanResult(null, [.. loaded.Errors, .. unknown]);
        }

        var errors = new List<ChecklistError>();
        var soak = checklist.Soak with { Duration = request.Soak ?? checklist.Soak.Duration };
        if (request.Soak is { } flag)
        {
            if (flag > ChecklistLimits.MaxSoak)
            {
                errors.Add(new ChecklistError($"--soak {PromDuration.Format(flag)} is longer than {PromDuration.Format(ChecklistLimits.MaxSoak)}, the longest soak"));
            }

            if (soak.WarmUp >= flag)
            {
                errors.Add(new ChecklistError(
                    $"--soak {PromDuration.Format(flag)} must be longer than the checklist's soak.warmUp ({PromDuration.Format(soak.WarmUp)}); lengthen --soak or shorten soak.warmUp"));
            }

            if (soak.Interval > flag)
            {
                errors.Add(new ChecklistError(
                    $"--soak {PromDuration.Format(flag)} is shorter than soak.interval ({PromDuration.Format(soak.Interval)}); there would be no evaluation"));
            }
        }

        if (request.DeployedAt is { } deployedAt && request.Now is { } now)
        {
            if (deployedAt < EarliestDeploy)
            {
                errors.Add(new ChecklistError($"--deployed-at {Rfc3339.Format(deployedAt)} is before 2000: give the release's real start (RFC 3339), or leave it out"));
            }
            else if (deployedAt > now + MaxAhead)
            {
                errors.Add(new ChecklistError(
                    $"--deployed-at {Rfc3339.Format(deployedAt)} is more than {PromDuration.Format(MaxAhead)} in the future; give the rollout's start, or leave it out"));
            }
        }

        var given = request.Vars;
        var builtins = new Dictionary<string, string>
        {
            [BuiltInVariables.DeployedAt] = Rfc3339.Format(StandInTime),
            [BuiltInVariables.DeployedAtUnix] = StandInTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            [BuiltInVariables.SoakDuration] = PromDuration.Format(soak.Duration),
            [BuiltInVariables.SinceDeploy] = BuiltInVariables.SinceDeployPlaceholder,
            [BuiltInVariables.Release] = "release",
            [BuiltInVariables.ReleaseInstances] = "${" + BuiltInVariables.ReleaseInstances + "}",
        };
        var resolved = QueryVariables.Resolve(checklist.Vars, given, builtins, checklist.Checks);
        errors.AddRange(resolved.Errors);
        if (errors.Count == 0)
        {
            errors.AddRange(TooManyPoints(checklist.Checks, soak));
            errors.AddRange(NeverJudged(checklist.Checks, soak));
        }

        // After the rules that wait for a clean checklist, so that a lint without an address still reports them all.
        var url = request.PrometheusUrl ?? checklist.Prometheus.Url;
        if (url is null && NoAddress(request.Store) is { } noAddress)
        {
            errors.Add(noAddress);
        }

        if (errors.Count > 0)
        {
            return new PlanResult(null, errors);
        }

        var effective = checklist with
        {
            Soak = soak,
            Prometheus = checklist.Prometheus with { Url = url },
        };
        return new PlanResult(new VerificationPlan(effective, resolved.Values), errors);
    }

    /// <summary>The error of an invocation that would contact the store but has no address for it; null when none is needed.</summary>
    internal static ChecklistError? NoAddress(StoreNeed need) => need switch
    {
        StoreNeed.Required => new ChecklistError("no Prometheus address: pass --prometheus-url, set PROMETHEUS_URL, or set prometheus.url in the checklist"),
        StoreNeed.RequiredUnlessOffline => new ChecklistError(
            "no Prometheus address to check the queries against: pass --prometheus-url, or --offline to check the file only "
            + "(the address may also come from PROMETHEUS_URL or prometheus.url in the checklist)"),
        _ => null,
    };

    /// <summary>A soak that would ask for more evaluations or trend points than <see cref="ChecklistLimits.MaxPoints"/>.</summary>
    internal static IEnumerable<ChecklistError> TooManyPoints(IEnumerable<CheckDefinition> checks, SoakSettings soak)
    {
        var soakText = PromDuration.Format(soak.Duration);
        if (soak.Duration / soak.Interval > ChecklistLimits.MaxPoints)
        {
            yield return new ChecklistError(string.Create(CultureInfo.InvariantCulture,
                $"a {soakText} soak every {PromDuration.Format(soak.Interval)} is more than {ChecklistLimits.MaxPoints} evaluations; lengthen soak.interval or shorten the soak"));
        }

        foreach (var check in checks)
        {
            if (check.Rule is TrendRule { Settings: var trend } && soak.Duration / trend.Resolution > ChecklistLimits.MaxPoints)
            {
                yield return new ChecklistError(string.Create(CultureInfo.InvariantCulture,
                    $"check '{check.Name}': a {soakText} soak at trend.resolution {PromDuration.Format(trend.Resolution)} is more than {ChecklistLimits.MaxPoints} points per series; coarsen the resolution"),
                    check.Location);
            }
        }
    }

    /// <summary>Checks that the soak can never judge: an "inconclusive" known now rather than after the soak.</summary>
    internal static IEnumerable<ChecklistError> NeverJudged(IEnumerable<CheckDefinition> checks, SoakSettings soak)
    {
        foreach (var check in checks)
        {
            var firstAt = check.WarmUp > soak.WarmUp ? check.WarmUp : soak.WarmUp;
            var judgedFor = soak.Duration - firstAt;
            var soakText = PromDuration.Format(soak.Duration);
            if (judgedFor < TimeSpan.Zero)
            {
                yield return new ChecklistError(
                    $"check '{check.Name}': its warmUp ({PromDuration.Format(check.WarmUp)}) outlasts the {soakText} soak, so it is never evaluated; "
                    + "shorten warmUp or lengthen the soak", check.Location);
                continue;
            }

            var evaluations = (int)Math.Floor(judgedFor / soak.Interval) + 1;
            if (check.Evidence.MinSamples > evaluations)
            {
                yield return new ChecklistError(
                    string.Create(CultureInfo.InvariantCulture,
                        $"check '{check.Name}': evidence.minSamples is {check.Evidence.MinSamples}, but a {soakText} soak gives it at most {evaluations} evaluations; it could never pass. ")
                    + "Lower minSamples, or lengthen the soak", check.Location);
            }

            if (check.Trend is not null)
            {
                var needs = check.MinSeriesAge + TrendAnalysis.MinSpan;
                if (needs > soak.Duration)
                {
                    yield return new ChecklistError(
                        $"check '{check.Name}': a trend needs minSeriesAge ({PromDuration.Format(check.MinSeriesAge)}) + {PromDuration.Format(TrendAnalysis.MinSpan)} "
                        + $"= {PromDuration.Format(needs)} of history, more than the {soakText} soak gives; it could never be judged. "
                        + "Shorten minSeriesAge or lengthen the soak", check.Location);
                }
            }
        }
    }
}
