using DeployVerifier.Checklists;
using DeployVerifier.Quantities;

namespace DeployVerifier.Evaluation;

/// <summary>
/// Follows one check through the soak: counts consecutive failures against the tolerance and consecutive errors
/// against the soak's limit, and says what the check comes to. Pure state, no I/O.
/// </summary>
internal sealed class CheckTracker
{
    private readonly List<CheckEvaluation> _evaluations = [];
    private readonly int _maxConsecutiveErrors;
    private int _consecutiveFailures;
    private int _consecutiveErrors;
    private int _samples;
    private DateTimeOffset? _failingSince;
    private CheckEvaluation? _worst;

    public CheckTracker(CheckDefinition check, int maxConsecutiveErrors)
    {
        Check = check;
        _maxConsecutiveErrors = maxConsecutiveErrors;
    }

    public CheckDefinition Check { get; }

    /// <summary>Failed beyond the tolerance: the soak can stop.</summary>
    public bool HasFailed => _consecutiveFailures > Check.Tolerance;

    /// <summary>Too many evaluations in a row without an answer: the release can't be seen.</summary>
    public bool HasErrored => _consecutiveErrors >= _maxConsecutiveErrors;

    public IReadOnlyList<CheckEvaluation> Evaluations => _evaluations;

    public void Record(CheckEvaluation evaluation)
    {
        _evaluations.Add(evaluation);
        if (evaluation.Outcome == EvaluationOutcome.Error)
        {
            _consecutiveErrors++;
            return;
        }

        _consecutiveErrors = 0;
        if (evaluation.Outcome is EvaluationOutcome.Passed or EvaluationOutcome.Failed)
        {
            _samples++;
        }

        if (evaluation.Outcome == EvaluationOutcome.Failed)
        {
            _failingSince ??= evaluation.Time;
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
    }

    /// <summary>What the check comes to; <paramref name="completed"/> says whether the soak ran to its end.</summary>
    public CheckResult Result(bool completed)
    {
        var last = _evaluations.Count > 0 ? _evaluations[^1] : null;
        var (outcome, reason) = Conclude(last, completed);
        return new CheckResult(Check, outcome, reason, _worst ?? last, last, _samples, _evaluations.ToList(), HasFailed ? _failingSince : null)
        {
            Unfinished = !completed && outcome == CheckOutcome.Inconclusive,
        };
    }

    private (CheckOutcome, string) Conclude(CheckEvaluation? last, bool completed)
    {
        if (HasFailed)
        {
            var run = _consecutiveFailures > 1 ? $" ({_consecutiveFailures} evaluations in a row)" : "";
            return (CheckOutcome.Failed, last!.Reason + run);
        }

        if (HasErrored)
        {
            return (CheckOutcome.Error, $"{_consecutiveErrors} evaluations in a row without an answer: {last!.Reason}");
        }

        if (last is null)
        {
            return (CheckOutcome.Inconclusive, "not evaluated");
        }

        if (!completed)
        {
            return (CheckOutcome.Inconclusive, $"not finished: the soak stopped early (another check decided it or it was cancelled); last: {last.Reason}");
        }

        if (last.Outcome is EvaluationOutcome.NoData or EvaluationOutcome.Error)
        {
            var since = _evaluations.LastOrDefault(e => e.Outcome is EvaluationOutcome.Passed or EvaluationOutcome.Failed or EvaluationOutcome.NotEnoughData);
            var when = since is null ? "at any evaluation" : $"since {since.Time:HH:mm:ss} UTC";
            return (CheckOutcome.Inconclusive, $"no data {when}: {last.Reason}");
        }

        if (last.Outcome == EvaluationOutcome.NotEnoughData && last.Forecast is not null)
        {
            return (CheckOutcome.Inconclusive, $"a possible leak was still being watched when the soak ended: {last.Reason}");
        }

        if (_samples < Check.Evidence.MinSamples)
        {
            return (CheckOutcome.Inconclusive,
                $"not enough data: {_samples} of {Check.Evidence.MinSamples} evaluations could be judged; last: {last.Reason}");
        }

        if (_consecutiveFailures > 0)
        {
            // Within the tolerance, but the soak ended before the run could be told from a blip: not a pass.
            return (CheckOutcome.Inconclusive,
                $"still failing when the soak ended ({_consecutiveFailures} of {Check.Tolerance + 1} evaluations): {last.Reason}");
        }

        var worst = _worst is { Value: not null } w && w != last ? $"; worst {Quantity.Format(w.Value.Value, Check.Unit)} at {w.Time:HH:mm:ss}" : "";
        return (CheckOutcome.Passed, last.Reason + worst);
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
}
