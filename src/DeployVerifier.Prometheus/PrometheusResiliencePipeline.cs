using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DeployVerifier.Prometheus;

/// <summary>
/// Retries with exponential backoff around a per-attempt timeout. Only <see cref="TransientFailureException"/> and
/// attempt timeouts are retried; the caller's cancellation and every other failure pass straight through.
/// </summary>
internal static class PrometheusResiliencePipeline
{
    public static ResiliencePipeline Create(PrometheusRetryOptions options, TimeSpan attemptTimeout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientFailureException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxAttempts - 1,
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
