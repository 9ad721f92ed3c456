using System.Threading.Channels;
using DeployVerifier.Checklists;
using DeployVerifier.Notifications;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Tells people while the verification runs. The soak's observer and the verb hand it notices, which it queues and
/// sends, one at a time in order, on a task of its own: a slow or failing target never delays an evaluation, the
/// verdict or the rollback. <see cref="FinishAsync"/> waits a bounded time for what is queued, for the report.
/// </summary>
internal sealed class Notifier
{
    /// <summary>How long the verb waits, after the rollback, for notifications still queued: 1 minute.</summary>
    public static readonly TimeSpan FinishTimeout = TimeSpan.FromMinutes(1);

    private readonly IReadOnlyList<INotifyTarget> _targets;
    private readonly Channel<NotifyNotice> _queue = Channel.CreateUnbounded<NotifyNotice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly NotificationLog _log;
    private readonly EarlyWarningTracker _warnings;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Task _sending;

    public Notifier(IReadOnlyList<INotifyTarget> targets, IEnumerable<CheckDefinition> checks, TimeProvider time, NotificationLog log, NotifyRelease release)
    {
        _targets = targets;
        _time = time;
        _log = log;
        _warnings = new EarlyWarningTracker(checks);
        Release = release;
        _sending = targets.Count == 0 ? Task.CompletedTask : Task.Run(SendAllAsync);
    }

    /// <summary>Which release; updated once it is found.</summary>
    public NotifyRelease Release { get; set; }

    public IReadOnlyList<NotificationSent> Sent => _log.Entries;

    /// <summary>Wraps an observer: the soak's start and each evaluation are also noticed here.</summary>
    public ISoakObserver Observe(ISoakObserver inner) => _targets.Count == 0 ? inner : new Observer(this, inner);

    public void Verdict(SoakOutcome outcome) => Post(new VerdictNotice(_time.GetUtcNow(), Release, outcome));

    public void Rollback(RollbackOutcome outcome) => Post(new RollbackNotice(_time.GetUtcNow(), Release, outcome));

    /// <summary>Waits for the queued notices to be sent, at most <paramref name="timeout"/>; what is left is abandoned and reported.</summary>
    public async Task<IReadOnlyList<NotificationSent>> FinishAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        using var wait = new CancellationTokenSource(timeout, _time);
        try
        {
            await _sending.WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            var left = 0;
            while (_queue.Reader.TryRead(out _))
            {
                left++;
            }

            var now = _time.GetUtcNow();
            _log.Add(new NotificationSent("notify", "finish", false,
                $"stopped waiting after {Quantities.PromDuration.Format(timeout)}; {left} queued notice{(left == 1 ? " was" : "s were")} not sent", now, now, 0));
        }

        return _log.Entries;
    }

    private void Post(NotifyNotice notice)
    {
        if (_targets.Count > 0)
        {
            _queue.Writer.TryWrite(notice);
        }
    }

    private async Task SendAllAsync()
    {
        await foreach (var notice in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            foreach (var target in _targets)
            {
                try
                {
                    await target.HandleAsync(notice, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A side channel: a bug in one target must not take the verification down with it.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    _log.Add(new NotificationSent(target.GetType().Name, "error", false, $"internal error: {exception.Message}", notice.At, _time.GetUtcNow(), 0));
                }
            }
        }
    }

    private sealed class Observer(Notifier owner, ISoakObserver inner) : ISoakObserver
    {
        public void Started(SoakSchedule schedule, bool replaying)
        {
            inner.Started(schedule, replaying);
            owner.Post(new SoakStartedNotice(owner._time.GetUtcNow(), owner.Release, schedule));
        }

        public void Progressed(SoakProgress progress)
        {
            inner.Progressed(progress);
            var warnings = owner._warnings.Observe(progress.Latest);
            var entered = warnings.Where(w => owner._warned.Add(w.Check)).ToList();
            owner._warned.IntersectWith(warnings.Select(w => w.Check));
            owner.Post(new EvaluationNotice(owner._time.GetUtcNow(), owner.Release, warnings, entered, progress.Schedule.Interval));
        }
    }
}
