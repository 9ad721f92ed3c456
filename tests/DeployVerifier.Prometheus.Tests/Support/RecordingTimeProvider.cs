using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace DeployVerifier.Prometheus.Tests.Support;

/// <summary>
/// A fake clock that also reports each timer the client creates, so a test knows a backoff is waiting before it
/// moves time on.
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public RecordingTimeProvider() : base(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        // Cancellation sources create their timers unarmed and arm them later; only armed ones are delays.
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The due time of the next timer other than <paramref name="ignore"/> (the attempt timeout).</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan ignore)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(patience.Token);
            if (due != ignore)
            {
                return due;
            }
        }
    }
}
