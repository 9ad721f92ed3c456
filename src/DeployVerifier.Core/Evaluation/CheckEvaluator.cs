using DeployVerifier.Analysis;
using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Evaluation;

/// <summary>Judges one measurement of one check: a pure function, no I/O and no clock.</summary>
internal static class CheckEvaluator
{
    /// <param name="check">The check.</param>
    /// <param name="measurement">What it is judged on.</param>
    /// <param name="memo">The release's leak tests already fitted (<c>tune</c>); null: each fitted now.</param>
    public static CheckEvaluation Evaluate(CheckDefinition check, CheckMeasurement measurement, TrendMemo? memo = null)
    {
        var time = measurement.Time;
        if (measurement.Error is { } error)
        {
            return new CheckEvaluation(time, EvaluationOutcome.Error, null, null, $"no answer from Prometheus: {error}");
        }

        // Every series' value at the tick, judged or not yet (too young, short of evidence, no trend yet), so a chart shows the whole soak.
        var values = measurement.Series.Where(s => double.IsFinite(s.Value)).Select(s => new KeyValuePair<Labels, double>(s.Labels, s.Value)).ToList();
        if (measurement.Partial is { } partial)
        {
            // Some of the data is missing (a store or shard did not answer): what is there may look better than the whole.
            return new CheckEvaluation(time, EvaluationOutcome.NotEnoughData, null, null, $"a partial answer from Prometheus, not judged: {partial}",
                SeriesValues: values) { Partial = true };
        }

        if (measurement.Series.Count == 0)
        {
            return NoData(check, time);
        }

        if (check.Rule is RedundancyRule redundancy)
        {
            return RedundancyEvaluator.Evaluate(check, redundancy.Settings, measurement);
        }

        var effectiveMax = EffectiveMax(check, measurement.Baseline);
        var (judged, assessed) = JudgeEach(check, measurement.Series, time, effectiveMax, memo);
        judged = PoolTrend(check, measurement.Series, judged, assessed);
        var worst = judged.OrderByDescending(j => j.Outcome).ThenByDescending(j => Severity(check, j)).First();
        var judgements = measurement.Series
            .Select((s, i) => new SeriesJudgement(s.Labels, judged[i].Saw, IsWarmingUp(check, s, time, judged[i]), judged[i].Reason))
            .ToList();

        // One judged series is enough to pass; series still warming up don't hold the others back.
        var outcome = worst.Outcome == EvaluationOutcome.Failed || judged.All(j => j.Outcome == worst.Outcome)
            ? worst.Outcome
            : judged.Any(j => j.Outcome == EvaluationOutcome.Passed) ? EvaluationOutcome.Passed : worst.Outcome;
        var decider = outcome == worst.Outcome ? worst : judged.Where(j => j.Outcome == outcome).OrderByDescending(j => Severity(check, j)).First();
        var evaluation = decider with
        {
            Outcome = outcome,
            EffectiveMax = effectiveMax,
            SeriesValues = values,
            Judgements = judgements,
            WarmingUp = outcome == EvaluationOutcome.NotEnoughData && judgements.All(j => j.WarmingUp),
        };
        return check.Rule is TrendRule trend ? WithFleetForecast(check, trend.Settings, evaluation, judged) : evaluation;
    }

    /// <summary>
    /// A growth heading for the limit within the horizon (a leak, or one still being told from a warm-up) is projected
    /// over the whole fleet too: the first instance down, the others taking its traffic, the last one down. A failure
    /// says it in words.
    /// </summary>
    private static CheckEvaluation WithFleetForecast(CheckDefinition check, TrendSettings trend, CheckEvaluation evaluation, IReadOnlyList<CheckEvaluation> judged)
    {
        if (evaluation.Forecast is not { Significant: true, TimeToLimit: { } eta } forecast || eta > trend.Horizon
            || evaluation.Outcome is not (EvaluationOutcome.Failed or EvaluationOutcome.NotEnoughData))
        {
            return evaluation;
        }

        var fleet = FleetForecast.Project(judged.Select(j => (j.Series ?? Labels.Empty, j.Forecast)).ToList(), evaluation.Time,
            trend.Fleet.GrowsWithLoadFor(check.Unit), trend.Fleet.Downtime, trend.Horizon);
        if (fleet is null)
        {
            return evaluation;
        }

        var limits = judged.Select(j => j.Forecast?.Limit).OfType<double>().Distinct().ToList();
        fleet = fleet with { Summary = fleet.Describe(limits.Count == 1 ? Quantity.Format(limits[0], check.Unit) : null, evaluation.Time, trend.Horizon) };
        var reason = evaluation.Outcome == EvaluationOutcome.Failed ? FleetReason(check, evaluation, forecast, fleet, judged) : evaluation.Reason;
        return evaluation with { Reason = reason, Forecast = forecast with { Fleet = fleet } };
    }

    /// <summary>
    /// A failed trend over a fleet in one plain sentence: how fast it grows and where, then when the first instance and
    /// the service go down: "grows 37 MiB/min in all 3 pods; the first pod reaches its 1 GiB limit at about 14:15, the
    /// service would be down by about 14:16". The deciding pod's numbers stay in <see cref="CheckEvaluation.Details"/>.
    /// </summary>
    private static string FleetReason(CheckDefinition check, CheckEvaluation evaluation, Forecast forecast, FleetForecast fleet,
        IReadOnlyList<CheckEvaluation> judged)
    {
        var rate = Quantity.FormatRatePerMinute(forecast.SlopePerSecond, check.Unit);
        var failing = judged.Count(j => j.Outcome == EvaluationOutcome.Failed);
        var kind = fleet.Each.Count > 0 && fleet.Each.All(e => e.Labels["pod"] is not null) ? "pod" : "instance";
        var where = fleet.Instances > 1 && failing == fleet.Instances
            ? $"grows {rate} in all {fleet.Instances} {kind}s"
            : $"{(check.PerSeries && evaluation.Series is { } series ? series.DisplayName + ": " : "")}grows {rate} (now {Quantity.Format(forecast.Level, check.Unit)})";
        return $"{where}; {fleet.Summary}";
    }

    /// <summary>
    /// Not judged only because of the check's own lead-in, which every series goes through: younger than
    /// <c>minSeriesAge</c>, or (a trend with its limit and evidence) too little history to fit a floor yet.
    /// </summary>
    private static bool IsWarmingUp(CheckDefinition check, SeriesMeasurement series, DateTimeOffset time, CheckEvaluation result)
    {
        if (result.Outcome != EvaluationOutcome.NotEnoughData || result.Forecast is not null)
        {
            return false;
        }

        if (check.MinSeriesAge > TimeSpan.Zero && time - series.FirstSeen < check.MinSeriesAge)
        {
            return true;
        }

        var enoughEvidence = check.Evidence is not { Query: not null, Min: { } needed } || series.Evidence >= needed;
        return check.Rule is TrendRule && enoughEvidence && series.Limit is { } limit && double.IsFinite(limit) && limit > 0;
    }

    /// <summary>The upper bound after the baseline: a value fails only beyond every bound given (the most lenient).</summary>
    internal static double? EffectiveMax(CheckDefinition check, double? baseline)
    {
        var max = check.Threshold.Max;
        if (check.Baseline is not { } settings || baseline is not { } level || !double.IsFinite(level))
        {
            return max;
        }

        var bounds = new List<double>();
        if (max is { } absolute)
        {
            bounds.Add(absolute);
        }

        if (settings.MaxFactor is { } factor)
        {
            bounds.Add(level * factor);
        }

        if (settings.MaxIncrease is { } increase)
        {
            bounds.Add(level + increase);
        }

        return bounds.Count == 0 ? max : bounds.Max();
    }

    private static CheckEvaluation NoData(CheckDefinition check, DateTimeOffset time) => check.NoData switch
    {
        NoDataPolicy.Pass => new CheckEvaluation(time, EvaluationOutcome.Passed, null, null, "no data, which this check counts as a pass"),
        NoDataPolicy.Fail => new CheckEvaluation(time, EvaluationOutcome.Failed, null, null, "no data, which this check counts as a failure"),
        _ => new CheckEvaluation(time, EvaluationOutcome.NoData, null, null, "the query returned no data"),
    };

    /// <summary>The series a trend check judges from this many on are judged in parallel: each is a fit over its whole history.</summary>
    internal const int ParallelFrom = 8;

    /// <summary>
    /// One scheduler for every parallel judgement in the process, as wide as the machine has cores: a backtest judging
    /// several releases at once shares it, so their pods never take more than the cores (plus the callers themselves).
    /// </summary>
    internal static readonly ParallelOptions Cores = new()
    {
        MaxDegreeOfParallelism = Environment.ProcessorCount,
        TaskScheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Environment.ProcessorCount).ConcurrentScheduler,
    };

    /// <summary>
    /// Each series judged alone, in order; a trend check's series in parallel (a pod's leak test is the costly part of
    /// a look, and pods don't depend on each other), on the process's one scheduler as wide as its cores. The results and the
    /// assessments come back in the series' order either way, so the outcome is the same.
    /// </summary>
    private static (List<CheckEvaluation> Judged, Dictionary<SeriesMeasurement, TrendAssessment> Assessed) JudgeEach(CheckDefinition check,
        IReadOnlyList<SeriesMeasurement> series, DateTimeOffset time, double? effectiveMax, TrendMemo? memo)
    {
        var judged = new CheckEvaluation[series.Count];
        var assessments = new TrendAssessment?[series.Count];
        if (check.Rule is TrendRule && series.Count >= ParallelFrom)
        {
            Parallel.For(0, series.Count, Cores, i => judged[i] = Judge(check, series[i], time, effectiveMax, memo, out assessments[i]));
        }
        else
        {
            for (var i = 0; i < series.Count; i++)
            {
                judged[i] = Judge(check, series[i], time, effectiveMax, memo, out assessments[i]);
            }
        }

        var assessed = new Dictionary<SeriesMeasurement, TrendAssessment>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < series.Count; i++)
        {
            if (assessments[i] is { } assessment)
            {
                assessed[series[i]] = assessment;
            }
        }

        return ([.. judged], assessed);
    }

    private static CheckEvaluation Judge(CheckDefinition check, SeriesMeasurement series, DateTimeOffset time, double? effectiveMax, TrendMemo? memo,
        out TrendAssessment? assessment)
    {
        assessment = null;
        var name = check.PerSeries ? series.Labels.DisplayName + ": " : "";
        if (check.MinSeriesAge > TimeSpan.Zero && time - series.FirstSeen < check.MinSeriesAge)
        {
            return new CheckEvaluation(time, EvaluationOutcome.NotEnoughData, null, series.Labels,
                $"{name}younger than {PromDuration.Format(check.MinSeriesAge)}");
        }

        if (check.Evidence is { Query: not null, Min: { } needed } && !(series.Evidence >= needed))
        {
            var have = series.Evidence is { } e ? Quantity.Format(e, QuantityUnit.Number) : "none";
            return new CheckEvaluation(time, EvaluationOutcome.NotEnoughData, null, series.Labels,
                $"{name}not enough evidence ({have}, needs {Quantity.Format(needed, QuantityUnit.Number)})");
        }

        return check.Rule is TrendRule trend
            ? JudgeTrend(check, trend.Settings, series, time, name, memo, out assessment)
            : JudgeThreshold(check, series, time, effectiveMax, name);
    }

    private static CheckEvaluation JudgeThreshold(CheckDefinition check, SeriesMeasurement series, DateTimeOffset time, double? max, string name)
    {
        var value = series.Value;
        var shown = Quantity.Format(value, check.Unit);
        if (double.IsNaN(value))
        {
            return new CheckEvaluation(time, EvaluationOutcome.NotEnoughData, null, series.Labels, $"{name}the value is NaN (nothing to divide by yet)");
        }

        // No bound holds an infinity (a ratio over zero requests, an overflow): −Inf must not pass a max, nor +Inf a min.
        if (double.IsInfinity(value))
        {
            return new CheckEvaluation(time, EvaluationOutcome.Failed, value, series.Labels,
                $"{name}the value is {(value > 0 ? "+Inf" : "-Inf")}, which is never within bounds");
        }

        if (max is { } upper && value > upper)
        {
            var bound = Quantity.Format(upper, check.Unit);
            var why = upper == check.Threshold.Max ? $"above the maximum {bound}" : $"above {bound}, the most the baseline allows";
            return new CheckEvaluation(time, EvaluationOutcome.Failed, value, series.Labels, $"{name}{shown} is {why}");
        }

        if (check.Threshold.Min is { } lower && value < lower)
        {
            return new CheckEvaluation(time, EvaluationOutcome.Failed, value, series.Labels,
                $"{name}{shown} is below the minimum {Quantity.Format(lower, check.Unit)}");
        }

        var within = max is { } m ? $"within {Quantity.Format(m, check.Unit)}" : $"at least {Quantity.Format(check.Threshold.Min ?? 0, check.Unit)}";
        return new CheckEvaluation(time, EvaluationOutcome.Passed, value, series.Labels, $"{name}{shown}, {within}");
    }

    private static CheckEvaluation JudgeTrend(CheckDefinition check, TrendSettings trend, SeriesMeasurement series, DateTimeOffset time, string name,
        TrendMemo? memo, out TrendAssessment? assessed)
    {
        assessed = null;
        if (series.Limit is not { } limit || !double.IsFinite(limit) || limit <= 0)
        {
            return new CheckEvaluation(time, EvaluationOutcome.NotEnoughData, null, series.Labels, $"{name}no limit to forecast against");
        }

        // The whole life of the pod is weighed, its start-up included: a warm-up starts with the pod or later, and the
        // test models the start-up's settling rather than cutting it off.
        var history = (series.History ?? []).Where(s => s.Time >= series.FirstSeen && s.Time <= time && double.IsFinite(s.Value)).ToList();
        var assessment = TrendAnalysis.Assess(history, series.FirstSeen, time, limit, trend,
            memo is null ? null : fit => memo.Weigh(check.Name, series.Labels, time, fit));
        assessed = assessment;
        if (assessment is null)
        {
            return new CheckEvaluation(time, EvaluationOutcome.NotEnoughData, null, series.Labels,
                $"{name}not enough history for a trend yet (needs {LeakTest.MinSamples} samples)");
        }

        var forecast = new Forecast(assessment.SlopePerSecond, assessment.Level, limit, assessment.TimeToLimit,
            assessment.TimeToLimitEarliest, assessment.TimeToLimitLatest, assessment.SlopeLower > 0, assessment.Asymptote)
        {
            SlopeRange = (assessment.SlopeLower, assessment.SlopeUpper),
        };
        var level = Quantity.Format(assessment.Level, check.Unit);
        var limitText = Quantity.Format(limit, check.Unit);
        var rate = Quantity.FormatRatePerMinute(assessment.SlopePerSecond, check.Unit);
        var eta = assessment.TimeToLimit is { } t ? PromDuration.Humanize(t) : "never";
        switch (assessment.Verdict)
        {
            case TrendVerdict.Leak:
                return new CheckEvaluation(time, EvaluationOutcome.Failed, assessment.Level, series.Labels, name + Rising(check, assessment, time),
                    Forecast: forecast) { Details = name + Statistics(assessment, "steady growth, not a warm-up levelling off") };
            case TrendVerdict.Undecided:
                // Not yet a verdict either way: a warm-up that is still filling would look the same so far.
                return new CheckEvaluation(time, EvaluationOutcome.NotEnoughData, assessment.Level, series.Labels,
                    $"{name}{Rising(check, assessment, time)} if it keeps on; not yet told from a warm-up", Forecast: forecast)
                {
                    Details = name + Statistics(assessment, null),
                };
            case TrendVerdict.WarmUp:
                return new CheckEvaluation(time, EvaluationOutcome.Passed, assessment.Level, series.Labels,
                    $"{name}{level}, growth levelling off near {Quantity.Format(assessment.Asymptote!.Value, check.Unit)} (limit {limitText})",
                    Forecast: forecast);
            default:
                var why = assessment.TimeToLimit is { } due && due > trend.Horizon
                    ? $"{level}, rising {rate}: {limitText} limit in ~{eta}, beyond the {PromDuration.Format(trend.Horizon)} horizon"
                    : $"{level}, no significant growth now (limit {limitText})";
                return new CheckEvaluation(time, EvaluationOutcome.Passed, assessment.Level, series.Labels, name + why, Forecast: forecast);
        }
    }

    /// <summary>
    /// A trend's pods weighed together (<see cref="TrendAnalysis.Pool"/>), one container at a time (a mesh sidecar's flat
    /// memory is another process, and must not keep the application's pods from being pooled): when every pod assessed
    /// is growing and their leak statistics together reach the pooled threshold, the pods still undecided fail too, as leaking.
    /// </summary>
    private static List<CheckEvaluation> PoolTrend(CheckDefinition check, IReadOnlyList<SeriesMeasurement> series, List<CheckEvaluation> judged,
        Dictionary<SeriesMeasurement, TrendAssessment> assessed)
    {
        if (check.Rule is not TrendRule)
        {
            return judged;
        }

        var pooledBy = new Dictionary<SeriesMeasurement, PooledLeak>();
        foreach (var container in assessed.GroupBy(p => p.Key.Labels["container"] ?? string.Empty, StringComparer.Ordinal))
        {
            if (TrendAnalysis.Pool(container.Select(p => p.Value).ToList()) is { } pooled)
            {
                foreach (var (measurement, _) in container)
                {
                    pooledBy[measurement] = pooled;
                }
            }
        }

        return judged.Select((j, i) => j.Outcome == EvaluationOutcome.NotEnoughData && pooledBy.TryGetValue(series[i], out var pooled)
            ? j with
            {
                Outcome = EvaluationOutcome.Failed,
                Reason = Named(check, series[i]) + Rising(check, assessed[series[i]], j.Time),
                Details = Named(check, series[i]) + Statistics(assessed[series[i]],
                    $"steady growth in all {pooled.Pods} pods together (pooled statistic {pooled.Statistic:F0}, fails at {pooled.Threshold:F0}), not a warm-up levelling off"),
            }
            : j).ToList();
    }

    private static string Named(CheckDefinition check, SeriesMeasurement series) => check.PerSeries ? series.Labels.DisplayName + ": " : "";

    /// <summary>
    /// A growing pod in plain words: "grows 30 MiB/min (now 700 MiB), reaches its 1 GiB limit at about 14:15"; a pod
    /// past its limit says so: "at 600 MiB, already above its 512 MiB limit".
    /// </summary>
    private static string Rising(CheckDefinition check, TrendAssessment assessment, DateTimeOffset time)
    {
        var level = Quantity.Format(assessment.Level, check.Unit);
        var limit = Quantity.Format(assessment.Limit, check.Unit);
        var rate = Quantity.FormatRatePerMinute(assessment.SlopePerSecond, check.Unit);
        if (assessment.Level >= assessment.Limit || assessment.TimeToLimit is { Ticks: <= 0 })
        {
            return $"at {level}, already {(assessment.Level > assessment.Limit ? "above" : "at")} its {limit} limit, and growing {rate}";
        }

        var reaches = assessment.TimeToLimit is { } eta ? $"reaches its {limit} limit at about {ClockText.AboutMinute(time + eta, time)}" : $"not reaching its {limit} limit";
        return $"grows {rate} (now {level}), {reaches}";
    }

    /// <summary>The forecast's numbers for the details line: "limit in ~11 min (10 min to 12 min); steady growth, …".</summary>
    private static string Statistics(TrendAssessment assessment, string? verdict)
    {
        var eta = assessment.TimeToLimit is { Ticks: > 0 } t ? $"limit in ~{PromDuration.Humanize(t)}" : assessment.TimeToLimit is null ? "not reaching the limit" : "past the limit";
        var range = assessment.TimeToLimit is { Ticks: > 0 } && ClockText.Range(assessment.TimeToLimitEarliest, assessment.TimeToLimitLatest) is { } r ? $" ({r})" : "";
        return verdict is null ? eta + range : $"{eta}{range}; {verdict}";
    }

    /// <summary>Among evaluations of equal outcome, the one nearest its bound is the worst.</summary>
    private static double Severity(CheckDefinition check, CheckEvaluation evaluation)
    {
        if (evaluation.Forecast is { TimeToLimit: { } eta })
        {
            return -eta.TotalSeconds;
        }

        if (evaluation.Value is not { } value)
        {
            return double.NegativeInfinity;
        }

        return check.Threshold.Max is null && check.Threshold.Min is not null ? -value : value;
    }
}
