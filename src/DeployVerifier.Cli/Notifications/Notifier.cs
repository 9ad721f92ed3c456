using DeployVerifier.Checklists;
using DeployVerifier.Measurements;
using DeployVerifier.Notifications;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Notifications;

/// <summary>
/// Tells people while the verification runs. The soak's observer and the verb hand it notices, which it queues and
/// sends on tasks of its own, one queue per target: a slow or failing target delays only itself, never another target,
/// an evaluation, the verdict or the rollback. Within a target order is kept, and a newer state supersedes what is
/// still queued: once the verdict is queued, the evaluation notices (early warnings, re-posts) still waiting for that
/// target are dropped and recorded as superseded. <see cref="FinishAsync"/> flushes for a bounded time, then lists by
/// target what was not sent.
/// </summary>
internal sealed class Notifier
{
    private readonly IReadOnlyList<TargetQueue> _queues;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly NotificationLog _log;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public Notifier(IReadOnlyList<INotifyTarget> targets, TimeProvider time, NotificationLog log, NotifyRelease release)
    {
        _time = time;
        _log = log;
        Release = release;
        _queues = [.. targets.Select(t => new TargetQueue(this, t))];
    }

    /// <summary>Which release; updated once it is found.</summary>
    public NotifyRelease Release { get; set; }

    public IReadOnlyList<NotificationSent> Sent => _log.Entries;

    /// <summary>Wraps an observer: the soak's start and each evaluation are also noticed here.</summary>
    public ISoakObserver Observe(ISoakObserver inner) => _queues.Count == 0 ? inner : new Observer(this, inner);

    public void Verdict(SoakOutcome outcome) => Post(new VerdictNotice(_time.GetUtcNow(), Release, outcome));

    public void Rollback(RollbackOutcome outcome) => Post(new RollbackNotice(_time.GetUtcNow(), Release, outcome));

    /// <summary>
    /// Flushes the queues, every target at once, at most <paramref name="timeout"/>; what is left is abandoned and
    /// recorded by target (event <c>notSent</c>).
    /// </summary>
    public async Task<IReadOnlyList<NotificationSent>> FinishAsync(TimeSpan timeout)
    {
        foreach (var queue in _queues)
        {
            queue.Complete();
        }

        using var wait = new CancellationTokenSource(timeout, _time);
        try
        {
            await Task.WhenAll(_queues.Select(q => q.Sending)).WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Which targets are still sending is taken before they are stopped: stopped, they complete at once.
            var unfinished = _queues.Where(q => !q.Sending.IsCompleted).ToList();
            await _stop.CancelAsync().ConfigureAwait(false);
            var now = _time.GetUtcNow();
            foreach (var queue in unfinished)
            {
                var left = queue.Abandon();
                var what = left.Count == 0 ? "the notice being sent" : string.Join(", ", left.Select(NoticeName));
                var at = queue.Target.Address is { } address ? $" for {address}" : "";
                _log.Add(new NotificationSent(queue.Target.Name, NotificationOutcome.NotSent, false,
                    $"stopped waiting after {Quantities.PromDuration.Format(timeout)}{at}: not sent: {what}", now, now, 0));
            }
        }

        return _log.Entries;
    }

    private static string NoticeName(NotifyNotice notice) => notice switch
    {
        SoakStartedNotice => "started",
        EvaluationNotice => "evaluation",
        VerdictNotice => "verdict",
        RollbackNotice => "rollback",
        _ => notice.GetType().Name,
    };

    private void Post(NotifyNotice notice)
    {
        foreach (var queue in _queues)
        {
            queue.Post(notice);
        }
    }

    /// <summary>One target's queue and its sending task.</summary>
    private sealed class TargetQueue
    {
        private readonly Notifier _owner;
        private readonly object _gate = new();
        private readonly List<NotifyNotice> _pending = [];
        private readonly SemaphoreSlim _ready = new(0);
        private bool _completed;

        public TargetQueue(Notifier owner, INotifyTarget target)
        {
            _owner = owner;
            Target = target;
            Sending = Task.Run(SendAllAsync);
        }

        public INotifyTarget Target { get; }

        public Task Sending { get; }

        public void Post(NotifyNotice notice)
        {
            int superseded;
            lock (_gate)
            {
                if (_completed)
                {
                    return;
                }

                // The verdict supersedes the early warnings and re-posts still waiting: they would only delay it.
                superseded = notice is VerdictNotice ? _pending.RemoveAll(p => p is EvaluationNotice) : 0;
                _pending.Add(notice);
            }

            if (superseded > 0)
            {
                _owner._log.Add(new NotificationSent(Target.Name, NotificationOutcome.Superseded, false,
                    $"{superseded} queued evaluation notice{(superseded == 1 ? "" : "s")} dropped: the verdict supersedes them", notice.At, notice.At, 0));
            }

            _ready.Release();
        }

        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
            }

            _ready.Release();
        }

        /// <summary>Empties the queue; returns what was still in it.</summary>
        public List<NotifyNotice> Abandon()
        {
            lock (_gate)
            {
                var left = _pending.ToList();
                _pending.Clear();
                return left;
            }
        }

        private async Task SendAllAsync()
        {
            var stop = _owner._stop.Token;
            while (true)
            {
                try
                {
                    await _ready.WaitAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                NotifyNotice? notice;
                lock (_gate)
                {
                    if (_pending.Count == 0)
                    {
                        if (_completed)
                        {
                            return;
                        }

                        continue;
                    }

                    notice = _pending[0];
                    _pending.RemoveAt(0);
                }

                try
                {
                    await Target.HandleAsync(notice, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A side channel: a bug in one target must not take the verification down with it.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    _owner._log.Add(new NotificationSent(Target.Name, "error", false, $"internal error: {exception.Message}", notice.At, _owner._time.GetUtcNow(), 0));
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
            var warnings = EarlyWarning.In(progress.Standings);
            var entered = warnings.Where(w => owner._warned.Add(w.Check)).ToList();
            owner._warned.IntersectWith(warnings.Select(w => w.Check));
            owner.Post(new EvaluationNotice(owner._time.GetUtcNow(), owner.Release, warnings, entered, progress.Schedule.Interval));
        }
    }
}
