using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DeployVerifier.Prometheus;

/// <summary>
/// Retries with exponential backoff and jitter around a per-attempt timeout. Only <see cref="TransientFailureException"/>
/// and attempt timeouts are retried; the caller's cancellation and every other failure pass straight through. With
/// <see cref="PrometheusRetryOptions.Patience"/>, a store that can't answer is retried for as long as
/// <paramref name="patient"/> says the run's patience lasts; an answer that can't be read, <see cref="PrometheusRetryOptions.MaxAttempts"/> times.
/// </summary>
internal static class PrometheusResiliencePipeline
{
    /// <param name="options">How hard to try.</param>
    /// <param name="attemptTimeout">How long one attempt may take.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="patient">Whether the run's patience still lasts; null or ignored without <see cref="PrometheusRetryOptions.Patience"/>.</param>
    public static ResiliencePipeline Create(PrometheusRetryOptions options, TimeSpan attemptTimeout, TimeProvider timeProvider, Func<bool>? patient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        var withPatience = options.Patience is not null && patient is not null;
        if (options.MaxAttempts > 1 || withPatience)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    TransientFailureException { Unavailable: true } or TimeoutRejectedException when withPatience => patient!(),
                    TransientFailureException or TimeoutRejectedException => args.AttemptNumber + 1 < options.MaxAttempts,
                    _ => false,
                }),
                MaxRetryAttempts = withPatience ? int.MaxValue : options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,

                // Returning null keeps the backoff; a server that says when to come back is believed, within bounds.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientFailureException { RetryAfter: { } wait }
                        ? (TimeSpan?)TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, options.MaxRetryAfter.Ticks))
                        : null),
            });
        }

        return builder.AddTimeout(attemptTimeout).Build();
    }
}
