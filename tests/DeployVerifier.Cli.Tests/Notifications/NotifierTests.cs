using System.Diagnostics;
using DeployVerifier.Cli.Notifications;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Notifications;

[TestClass]
public sealed class NotifierTests
{
    private static readonly NotifyRelease Release = new("checkout", "shop", "checkout-7f", null, false);

    [TestMethod]
    public async Task Verdict_OneTargetHangs_TheOtherHasItAtOnce_AndTheFlushNamesWhatWasNotSent()
    {
        var hanging = new Target("slack", TimeSpan.FromMinutes(5));
        var quick = new Target("alertmanager", TimeSpan.Zero);
        var log = new NotificationLog(text => text);
        var notifier = new Notifier([hanging, quick], TimeProvider.System, log, Release);
        var watch = Stopwatch.StartNew();

        notifier.Verdict(Some.Report(Verdict.Failed).Outcome);
        await quick.Received(1).WaitAsync(TimeSpan.FromSeconds(5));
        var delivered = watch.Elapsed;
        var sent = await notifier.FinishAsync(TimeSpan.FromMilliseconds(300));

        Assert.IsLessThan(TimeSpan.FromSeconds(2), delivered, "a hanging target never delays another");
        Assert.IsLessThan(TimeSpan.FromSeconds(3), watch.Elapsed, "the flush is bounded");
        var unsent = sent.Single(n => n.Event == "notSent");
        Assert.AreEqual("slack", unsent.Target);
        StringAssert.Contains(unsent.Detail, "not sent: the notice being sent");
    }

    [TestMethod]
    public async Task Verdict_QueuedBehindASlowTarget_SupersedesTheEvaluationNoticesStillWaiting()
    {
        var slow = new Target("alertmanager", TimeSpan.FromMilliseconds(300));
        var log = new NotificationLog(text => text);
        var notifier = new Notifier([slow], TimeProvider.System, log, Release);
        var observer = notifier.Observe(new RecordingObserver());
        var schedule = Some.Schedule();

        for (var minute = 1; minute <= 5; minute++)
        {
            observer.Progressed(Some.Progress(schedule, minute, passing: 2));
        }

        notifier.Verdict(Some.Report(Verdict.Passed).Outcome);
        var sent = await notifier.FinishAsync(TimeSpan.FromSeconds(10));

        Assert.IsInstanceOfType<VerdictNotice>(slow.Notices[^1]);
        Assert.IsLessThan(6, slow.Notices.Count, "evaluations still queued were dropped");
        var superseded = sent.Single(n => n.Event == "superseded");
        StringAssert.Contains(superseded.Detail, "dropped: the verdict supersedes them");
        Assert.IsFalse(sent.Any(n => n.Event == "notSent"));
    }

    /// <summary>A target that takes <paramref name="delay"/> per notice and records what it handled.</summary>
    private sealed class Target(string name, TimeSpan delay) : INotifyTarget
    {
        private readonly List<NotifyNotice> _notices = [];

        public string Name => name;

        public List<NotifyNotice> Notices
        {
            get
            {
                lock (_notices)
                {
                    return [.. _notices];
                }
            }
        }

        public async Task HandleAsync(NotifyNotice notice, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            lock (_notices)
            {
                _notices.Add(notice);
            }
        }

        public async Task Received(int count)
        {
            while (Notices.Count < count)
            {
                await Task.Delay(10);
            }
        }
    }
}
