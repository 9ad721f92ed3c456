using DeployVerifier.Backtests;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;
using DeployVerifier.Quantities;

namespace DeployVerifier.Cli.Settings;

/// <summary>
/// Which past releases a backtest judges: those that started in <c>[From, To]</c>, or those <see cref="ReleasesFile"/>
/// lists. Exactly one of <c>--from</c> (with an optional <c>--to</c>, default now), <c>--since</c> and <c>--releases</c>;
/// with <c>--shard I/N</c>, every N-th of them (<see cref="BacktestShard"/>), which needs a list that does not move with the clock.
/// With <c>--label-rollbacks WITHIN</c> (a window only), each release found is labelled from the metrics (<see cref="RollbackLabeler"/>).
/// </summary>
internal sealed record BacktestWindow(DateTimeOffset? From, DateTimeOffset? To, string? ReleasesFile, BacktestShard? Shard = null)
{
    /// <summary>The <c>--label-rollbacks</c> window; null when not asked for.</summary>
    public TimeSpan? LabelRollbacks { get; init; }

    /// <summary>The <c>--label-rollbacks</c> window as given, for the report.</summary>
    public string? LabelRollbacksText { get; init; }

    public static (BacktestWindow? Window, IReadOnlyList<ChecklistError> Errors) Resolve(IReleaseWindowOptions options, DateTimeOffset now)
    {
        var (listed, listErrors) = ResolveList(options, now);
        var (window, errors) = WithLabels(listed, listErrors, options);
        if (options.Shard is not { } shardText)
        {
            return (window, errors);
        }

        var (shard, shardError) = BacktestShard.Parse(shardText);
        var all = errors.ToList();
        if (shardError is not null)
        {
            all.Add(new ChecklistError(shardError));
        }

        if (!string.IsNullOrWhiteSpace(options.Since))
        {
            all.Add(new ChecklistError("--shard needs a fixed list of releases, and --since's window moves with the clock (shards started at different times "
                + "would split different lists); give --from and --to, or --releases FILE"));
        }
        else if (!string.IsNullOrWhiteSpace(options.From) && string.IsNullOrWhiteSpace(options.To))
        {
            all.Add(new ChecklistError("--shard needs --to as well as --from: without it the window ends now, which moves with the clock "
                + "(shards started at different times would split different lists)"));
        }

        return all.Count > 0 ? (null, all) : (window! with { Shard = shard }, all);
    }

    private static (BacktestWindow? Window, IReadOnlyList<ChecklistError> Errors) WithLabels(BacktestWindow? window, IReadOnlyList<ChecklistError> errors,
        IReleaseWindowOptions options)
    {
        if (options.LabelRollbacks is not { } text)
        {
            return (window, errors);
        }

        var all = errors.ToList();
        if (!string.IsNullOrWhiteSpace(options.Releases))
        {
            all.Add(new ChecklistError("--label-rollbacks labels the releases a window finds, and --releases FILE gives its own expected verdicts; "
                + "give one of them: --label-rollbacks with --from/--to or --since, or the labels in the file"));
        }

        if (!PromDuration.TryParse(text.Trim(), out var within) || within <= TimeSpan.Zero)
        {
            all.Add(new ChecklistError($"--label-rollbacks '{text}' is not a duration; write how long after a release's start a rollback counts, like 2h or 30m"));
        }

        return all.Count > 0 ? (null, all) : (window! with { LabelRollbacks = within, LabelRollbacksText = text.Trim() }, all);
    }

    private static (BacktestWindow? Window, IReadOnlyList<ChecklistError> Errors) ResolveList(IReleaseWindowOptions options, DateTimeOffset now)
    {
        var errors = new List<ChecklistError>();
        var given = new[] { options.From ?? options.To, options.Since, options.Releases }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given != 1)
        {
            errors.Add(new ChecklistError(given == 0
                ? "say which releases to judge: --from TIME [--to TIME], --since 30d, or --releases FILE"
                : "give only one of --from/--to, --since and --releases"));
            return (null, errors);
        }

        if (options.Releases is { } file && file.Trim().Length > 0)
        {
            return (new BacktestWindow(null, null, file.Trim()), errors);
        }

        DateTimeOffset from;
        var to = now;
        if (options.Since is { } sinceText)
        {
            if (!PromDuration.TryParse(sinceText.Trim(), out var since) || since <= TimeSpan.Zero)
            {
                errors.Add(new ChecklistError($"--since '{sinceText}' is not a duration; write it like 30d, 12h or 1w"));
                return (null, errors);
            }

            from = now - since;
        }
        else
        {
            from = Time(options.From, "--from", errors) ?? now;
            if (options.From is null)
            {
                errors.Add(new ChecklistError("--to needs --from: the window's start"));
            }

            if (options.To is not null)
            {
                to = Time(options.To, "--to", errors) ?? now;
            }
        }

        if (errors.Count == 0 && from >= to)
        {
            errors.Add(new ChecklistError($"--from {Rfc3339.Format(from)} is not before --to {Rfc3339.Format(to)}"));
        }

        return errors.Count > 0 ? (null, errors) : (new BacktestWindow(from, to, null), errors);
    }

    private static DateTimeOffset? Time(string? text, string flag, List<ChecklistError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Rfc3339.Parse(text.Trim()) is { } time)
        {
            return time;
        }

        errors.Add(new ChecklistError($"{flag} '{text}' is not an RFC 3339 time with a zone; write it like 2024-08-01T00:00:00Z"));
        return null;
    }
}
