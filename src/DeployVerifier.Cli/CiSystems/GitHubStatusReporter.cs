using System.Globalization;
using DeployVerifier.Measurements;
using DeployVerifier.Soak;
using Octokit;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// Keeps a deployment (or commit) status up to date through the soak: <c>in_progress</c> when it starts, an update at
/// most once per <see cref="UpdateEvery"/> of soak time or when the number of passing checks changes, then the final
/// state. Posts run one after another off the soak's path; a failure is a warning and stops further progress posts.
/// </summary>
internal sealed class GitHubStatusReporter(IGitHubStatusApi api) : ISoakObserver
{
    /// <summary>At most one progress update per minute of soak time (unless the passing count changes).</summary>
    public static readonly TimeSpan UpdateEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly List<string> _posted = [];
    private readonly List<string> _warnings = [];
    private Task _tail = Task.CompletedTask;
    private DateTimeOffset? _lastAt;
    private int? _lastPassing;
    private bool _broken;

    public string Target => api.Target;

    public void Started(SoakSchedule schedule, bool replaying)
    {
        _lastAt = schedule.DeployedAt;
        Enqueue(GitHubStatusState.InProgress, $"soaking: 0 of {Total(schedule)} min, {schedule.Ticks.Count} evaluations ahead");
    }

    public void Progressed(SoakProgress progress)
    {
        if (_lastAt is { } last && progress.To - last < UpdateEvery && progress.Passing == _lastPassing)
        {
            return;
        }

        _lastAt = progress.To;
        _lastPassing = progress.Passing;
        var schedule = progress.Schedule;
        var elapsed = Minutes(progress.To - schedule.DeployedAt);
        var total = Total(schedule);
        Enqueue(GitHubStatusState.InProgress,
            $"soaking: {elapsed} of {total} min, {progress.Passing}/{progress.Checks} checks passing");
    }

    /// <summary>Waits for the queued updates, then posts the final state; says what was posted and what failed.</summary>
    public async Task<(IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings)> FinishAsync(GitHubStatusState state, string description)
    {
        Task tail;
        lock (_gate)
        {
            tail = _tail;
        }

        await tail.ConfigureAwait(false);
        await PostAsync(state, description, final: true).ConfigureAwait(false);
        lock (_gate)
        {
            var notes = _posted.Count == 0
                ? new List<string>()
                : [$"posted {_posted.Count} status{(_posted.Count == 1 ? "" : "es")} to {api.Target}: {string.Join(", ", _posted)} (\"{StatusDescription.Truncate(description)}\")"];
            return (notes, _warnings.ToList());
        }
    }

    private void Enqueue(GitHubStatusState state, string description)
    {
        lock (_gate)
        {
            _tail = _tail.ContinueWith(_ => PostAsync(state, description, final: false), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task PostAsync(GitHubStatusState state, string description, bool final)
    {
        lock (_gate)
        {
            if (_broken && !final)
            {
                return;
            }
        }

        try
        {
            await api.PostAsync(state, StatusDescription.Truncate(description), CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _posted.Add(Name(state));
            }
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            lock (_gate)
            {
                _broken = true;
                var warning = $"could not post the {Name(state)} status to {api.Target}: "
                    + GitHubApiErrors.Describe(exception, "deployments: write (a deployment's status) or statuses: write (a commit status)");
                if (!_warnings.Contains(warning, StringComparer.Ordinal))
                {
                    _warnings.Add(warning);
                }
            }
        }
    }

    internal static string Name(GitHubStatusState state) => state switch
    {
        GitHubStatusState.InProgress => "in_progress",
        GitHubStatusState.Success => "success",
        GitHubStatusState.Failure => "failure",
        _ => "error",
    };

    private static string Minutes(TimeSpan span) => Math.Floor(Math.Max(0, span.TotalMinutes)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The soak's length in minutes, with its extension: "30 (up to 40)".</summary>
    private static string Total(SoakSchedule schedule) => schedule.Extension > TimeSpan.Zero
        ? $"{Minutes(schedule.End - schedule.DeployedAt)} (up to {Minutes(schedule.MaxEnd - schedule.DeployedAt)})"
        : $"{Minutes(schedule.End - schedule.DeployedAt)}";
}
