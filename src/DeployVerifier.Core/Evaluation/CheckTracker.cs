using DeployVerifier.Checklists;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Evaluation;

/// <summary>
/// Follows one check through the soak and says what it comes to. It fails by the first of its rules to trip:
/// failures in a row beyond the tolerance (a trend's sequential test), more failures than the failure limit, or a
/// failing share over the budget. It passes only on data over the whole soak: at least half of its evaluations
/// (after its own lead-in) judged, judged data until the end, and (per series) every series it saw judged.
/// Pure state, no I/O.
/// </summary>
internal sealed class CheckTracker
{
    /// <summary>Evaluations in a row without a judgement that may end a soak that passes (at 30 s, a minute and a half).</summary>
    internal const int MaxTrailingGap = 3;

    private readonly List<CheckEvaluation> _evaluations = [];
    private readonly Dictionary<Labels, SeriesTrack> _series = [];
    private readonly int _maxConsecutiveErrors;
    private int _passed;
    private int _failed;
    private int _noAnswer;
    private int _notEnoughData;
    private int _warmingUp;
    private int _saw;
    private int _consecutiveFailures;
    private int _consecutiveErrors;
    private DateTimeOffset? _failingSince;
    private DateTimeOffset? _firstFailure;
    private CheckEvaluation? _lastFailed;
    private CheckEvaluation? _lastWithSeries;
    private CheckEvaluation? _worst;
    private Decision? _decision;

    public CheckTracker(CheckDefinition check, int maxConsecutiveErrors)
    {
        Check = check;
        _maxConsecutiveErrors = maxConsecutiveErrors;
    }

    public CheckDefinition Check { get; }

    /// <summary>A failing rule has tripped on a check that blocks (severity fail): the soak can stop. A warn check never stops it.</summary>
    public bool HasFailed => _decision is not null && Check.Severity == CheckSeverity.Fail;

    /// <summary>
    /// Too many evaluations in a row without an answer on a check that blocks (<c>soak.maxConsecutiveErrors</c>): it is
    /// marked erroring in progress lines, and, if it still is at the soak's end, the verdict is inconclusive. It does not
    /// stop the soak: answers may return, and the other checks go on deciding.
    /// </summary>
    public bool HasErrored => IsErrored && Check.Severity == CheckSeverity.Fail;

    private bool IsErrored => _consecutiveErrors >= _maxConsecutiveErrors;

    public IReadOnlyList<CheckEvaluation> Evaluations => _evaluations;

    /// <summary>
    /// Has data but no decision yet: a growth still being watched, or failures in a row within the tolerance. Such a
    /// check is worth watching past the soak's end (<c>soak.extension</c>); one without data is not.
    /// </summary>
    public bool Undecided =>
        Check.Severity == CheckSeverity.Fail && !HasFailed && !HasErrored && _evaluations.Count > 0
        && (_evaluations[^1] is { Outcome: EvaluationOutcome.NotEnoughData, Forecast: not null } || _consecutiveFailures > 0);

    public EvaluationCounts Counts => new(_passed, _failed, _noAnswer, _notEnoughData);

    /// <summary>Where the check stands after its latest evaluation; null before its first.</summary>
    public CheckStanding? Standing =>
        _evaluations.Count == 0 ? null : new CheckStanding(Check, _evaluations[^1], _consecutiveFailures, _failed, _passed + _failed, _decision is not null);

    public void Record(CheckEvaluation evaluation)
    {
        _evaluations.Add(evaluation);
        if (evaluation.Outcome == EvaluationOutcome.Error)
        {
            _noAnswer++;
            _consecutiveErrors++;
            return;
        }

        _consecutiveErrors = 0;
        switch (evaluation.Outcome)
        {
            case EvaluationOutcome.Passed:
                _passed++;
                break;
            case EvaluationOutcome.Failed:
                _failed++;
                break;
            default:
                _notEnoughData++;
                break;
        }

        _warmingUp += evaluation.WarmingUp ? 1 : 0;
        _saw += evaluation.Saw ? 1 : 0;
        if (evaluation.Outcome == EvaluationOutcome.Failed)
        {
            _failingSince ??= evaluation.Time;
            _firstFailure ??= evaluation.Time;
            _lastFailed = evaluation;
            _consecutiveFailures++;
        }
        else if (evaluation.Outcome == EvaluationOutcome.Passed)
        {
            // Not-enough-data neither breaks nor extends a failing run: a scrape gap must not reset a leak's count.
            _failingSince = null;
            _consecutiveFailures = 0;
        }

        if (IsWorse(evaluation, _worst))
        {
            _worst = evaluation;
        }

        Follow(evaluation);
        if (_decision is null && evaluation.Outcome is EvaluationOutcome.Passed or EvaluationOutcome.Failed)
        {
            _decision = Decide(evaluation);
        }
    }

    /// <summary>What the check comes to; <paramref name="completed"/> says whether the soak ran to its end.</summary>
    public CheckResult Result(bool completed)
    {
        var last = _evaluations.Count > 0 ? _evaluations[^1] : null;
        var (outcome, reason, decidedBy) = Conclude(last, completed);
        return new CheckResult(Check, outcome, reason, _worst ?? last, last, _passed + _failed, _evaluations.ToList(), _decision?.FirstFailure)
        {
            Unfinished = !completed && outcome == CheckOutcome.Inconclusive,
            Counts = Counts,
            DecidedBy = decidedBy,
            Details = _decision is { } decision ? decision.Details : outcome == CheckOutcome.Passed ? null : last?.Details,
        };
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";

    /// <summary>The first failing rule to trip, in this order when several trip at once: in a row, the failure limit, the budget.</summary>
    private Decision? Decide(CheckEvaluation evaluation)
    {
        if (_consecutiveFailures > Check.Tolerance)
        {
            var run = _consecutiveFailures > 1 ? $"{_consecutiveFailures} evaluations in a row" : null;
            if (Check.Kind == CheckKind.Trend)
            {
                // A trend's run length is a statistic like its others: the sentence stays plain.
                return new Decision(DecisionRule.Trend, evaluation.Reason, _failingSince!.Value) { Details = Join(evaluation.Details, run) };
            }

            return new Decision(DecisionRule.Tolerance, evaluation.Reason + (run is null ? "" : $" ({run})"), _failingSince!.Value) { Details = evaluation.Details };
        }

        if (Check.FailureLimit is { } limit && _failed > limit)
        {
            return new Decision(DecisionRule.FailureLimit,
                $"{_failed} evaluations failed, more than its failureLimit of {limit}; last: {_lastFailed!.Reason}", _firstFailure!.Value)
            {
                Details = _lastFailed.Details,
            };
        }

        var judged = _passed + _failed;
        if (Check.Budget is { } budget && budget.IsExceeded(_failed, judged))
        {
            return new Decision(DecisionRule.Budget,
                $"failing {_failed} of {judged} judged evaluations, over its {Quantity.Format(budget.MaxFailingShare, QuantityUnit.Ratio)} budget; "
                + $"last failure: {_lastFailed!.Reason}", _firstFailure!.Value)
            {
                Details = _lastFailed.Details,
            };
        }

        return null;
    }

    private (CheckOutcome, string, string?) Conclude(CheckEvaluation? last, bool completed)
    {
        if (_decision is { } decision)
        {
            return (CheckOutcome.Failed, decision.Reason, decision.Rule);
        }

        if (IsErrored)
        {
            return (CheckOutcome.Error, $"{_consecutiveErrors} evaluations in a row without an answer: {last!.Reason}", null);
        }

        if (last is null)
        {
            return (CheckOutcome.Inconclusive, "not evaluated", null);
        }

        if (!completed)
        {
            return (CheckOutcome.Inconclusive, $"not finished: the soak stopped early (another check decided it or it was cancelled); last: {last.Reason}", null);
        }

        var unjudged = UnjudgedSeries();
        if (unjudged.Count > 0 && Check.NoData == NoDataPolicy.Fail)
        {
            return (CheckOutcome.Failed, $"{Describe(unjudged)}, which noData: fail counts as a failure", DecisionRule.NoData);
        }

        if (last.Outcome is EvaluationOutcome.NoData or EvaluationOutcome.Error)
        {
            var since = _evaluations.LastOrDefault(e => e.Outcome is EvaluationOutcome.Passed or EvaluationOutcome.Failed or EvaluationOutcome.NotEnoughData);
            var when = since is null ? "at any evaluation" : $"since {since.Time:HH:mm:ss} UTC";
            return (CheckOutcome.Inconclusive, $"no data {when}: {last.Reason}", null);
        }

        if (last.Outcome == EvaluationOutcome.NotEnoughData && last.Forecast is not null)
        {
            return (CheckOutcome.Inconclusive, $"a possible leak was still being watched when the soak ended: {last.Reason}", null);
        }

        if (Thin() is { } thin)
        {
            return (CheckOutcome.Inconclusive, thin, null);
        }

        var gap = _evaluations.Count - 1 - _evaluations.FindLastIndex(e => e.Saw);
        if (gap > MaxTrailingGap)
        {
            var from = _evaluations[^gap].Time;
            return (CheckOutcome.Inconclusive, $"nothing judged in the last {gap} evaluations (since {from:HH:mm:ss} UTC): {last.Reason}", null);
        }

        if (_passed + _failed < Check.Evidence.MinSamples)
        {
            return (CheckOutcome.Inconclusive,
                $"not enough data: {_passed + _failed} of {Check.Evidence.MinSamples} evaluations could be judged; last: {last.Reason}", null);
        }

        if (_consecutiveFailures > 0)
        {
            // Within the tolerance, but the soak ended before the run could be told from a blip: not a pass.
            return (CheckOutcome.Inconclusive,
                $"still failing when the soak ended ({_consecutiveFailures} of {Check.Tolerance + 1} evaluations): {last.Reason}", null);
        }

        if (unjudged.Count > 0 && Check.NoData == NoDataPolicy.Inconclusive)
        {
            return (CheckOutcome.Inconclusive, $"{Describe(unjudged)}; a pass needs every series the check saw judged", null);
        }

        var worst = _worst is { Value: not null } w && w != last ? $"; worst {Quantity.Format(w.Value.Value, Check.Unit)} at {w.Time:HH:mm:ss}" : "";
        var allowed = unjudged.Count > 0 ? $"; {Describe(unjudged)}, which noData: pass allows" : "";
        return (CheckOutcome.Passed, last.Reason + worst + allowed, null);
    }

    /// <summary>
    /// Too little data to pass: fewer than half of the evaluations after the check's own lead-in saw the release.
    /// Says what the others had, e.g. "no data in 9 of 10 evaluations".
    /// </summary>
    private string? Thin()
    {
        var counted = _evaluations.Count - _warmingUp;
        if (counted == 0 || _saw * 2 >= counted)
        {
            return null;
        }

        var missing = _evaluations.Where(e => !e.Saw && !e.WarmingUp).ToList();
        var parts = new (string What, int Count)[]
        {
            ("no data", missing.Count(e => e.Outcome == EvaluationOutcome.NoData)),
            ("no answer", missing.Count(e => e.Outcome == EvaluationOutcome.Error)),
            ("a partial answer", missing.Count(e => e.Partial)),
            ("not enough data", missing.Count(e => e.Outcome == EvaluationOutcome.NotEnoughData && !e.Partial)),
        }.Where(p => p.Count > 0).Select(p => $"{p.What} in {p.Count}");
        return $"too little data to pass: {string.Join(", ", parts)} of {counted} evaluations; a pass needs at least half of them judged";
    }

    /// <summary>With <c>perSeries</c>, follows each series: judged at least once, past its lead-in, its last words.</summary>
    private void Follow(CheckEvaluation evaluation)
    {
        if (!Check.PerSeries || evaluation.Judgements.Count == 0)
        {
            return;
        }

        _lastWithSeries = evaluation;
        foreach (var judgement in evaluation.Judgements)
        {
            if (!_series.TryGetValue(judgement.Labels, out var track))
            {
                _series[judgement.Labels] = track = new SeriesTrack();
            }

            track.Judged |= judgement.Judged;
            track.PastLeadIn |= !judgement.WarmingUp;
            track.LastSeen = evaluation.Time;
            track.LastReason = judgement.Reason;
        }
    }

    /// <summary>
    /// Series the check saw but never judged: past their lead-in and still not judged (NaN or short of evidence
    /// throughout), or gone before they could be. A series still in its lead-in at the end is not named: nothing was missed.
    /// </summary>
    private List<(Labels Labels, string Why)> UnjudgedSeries()
    {
        var end = _lastWithSeries?.Time;
        return _series
            .Where(s => !s.Value.Judged && (s.Value.PastLeadIn || s.Value.LastSeen < end))
            .Select(s => (s.Key, s.Value.LastSeen < end && !s.Value.PastLeadIn
                ? $"gone after {s.Value.LastSeen:HH:mm:ss} UTC before it could be judged"
                : s.Value.LastReason))
            .ToList();
    }

    private static string Describe(List<(Labels Labels, string Why)> series)
    {
        var names = series.Take(3).Select(s => s.Labels.DisplayName).ToList();
        var more = series.Count > 3 ? $" and {series.Count - 3} more" : "";
        var verb = series.Count == 1 ? "was" : "were";
        return $"{string.Join(", ", names)}{more} {verb} never judged over the soak (last: {series[0].Why})";
    }

    private static bool IsJudged(CheckEvaluation evaluation) => evaluation.Outcome is EvaluationOutcome.Passed or EvaluationOutcome.Failed;

    private bool IsWorse(CheckEvaluation candidate, CheckEvaluation? current)
    {
        if (current is null)
        {
            return true;
        }

        if (candidate.Value is null || current.Value is null)
        {
            return candidate.Value is not null;
        }

        // A judged evaluation says how close the check came; a pending one (a growth still being watched) does not.
        if (IsJudged(candidate) != IsJudged(current))
        {
            return IsJudged(candidate);
        }

        if (candidate.Outcome != current.Outcome)
        {
            return candidate.Outcome > current.Outcome;
        }

        if (candidate.Forecast is { TimeToLimit: { } a })
        {
            return current.Forecast is not { TimeToLimit: { } b } || a < b;
        }

        var lowerIsWorse = Check.Threshold.Max is null && Check.Threshold.Min is not null;
        return lowerIsWorse ? candidate.Value < current.Value : candidate.Value > current.Value;
    }

    /// <summary>The rule that failed the check, why in words, and the first failure it counted.</summary>
    private sealed record Decision(string Rule, string Reason, DateTimeOffset FirstFailure)
    {
        public string? Details { get; init; }
    }

    private sealed class SeriesTrack
    {
        public bool Judged { get; set; }

        public bool PastLeadIn { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public string LastReason { get; set; } = "";
    }
}
