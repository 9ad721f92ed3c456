using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Quantities;
using DeployVerifier.Releases;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>plan</c>: the effective plan without running it (<see cref="PlanDescriber"/>), as text or <c>--json</c>. The input is
/// checked as <c>validate</c> checks it, before any network call (exit 2). With a release section and no
/// <c>--offline</c>, the release is looked up once as verify would, but without waiting for fresh data or for a
/// release to start (exit 3 when the store can't answer). Never waits; exit 0 once printed.
/// </summary>
internal sealed class PlanCommand(CliContext context)
{
    public async Task<ExitCode> RunAsync(PlanOptions options, CancellationToken cancellationToken)
    {
        if (!context.TryPrepare(options, out var invocation, out var plan, out var invalidInput, StoreNeed.None))
        {
            return invalidInput;
        }

        var now = context.Time.GetUtcNow();
        ReleaseInfo? found = null;
        string? note = options.Offline && plan.ReleaseLookup is not null
            ? "resolved at run time (--offline: not looked up); verify first waits up to waitFor for release data scraped since it began, then for the release to start"
            : null;
        if (!options.Offline && plan.ReleaseLookup is { } lookup)
        {
            if (plan.PrometheusUrl is not { } url)
            {
                return context.InvalidInput([new ChecklistError(
                    "no Prometheus address to look the release up in: pass --prometheus-url, or --offline to show how it would be found "
                    + "(the address may also come from PROMETHEUS_URL or prometheus.url in the checklist)")]);
            }

            var (connection, connectionErrors) = context.Connect(plan.Checklist.Prometheus, url);
            if (connection is null)
            {
                return context.InvalidInput(connectionErrors);
            }

            using var _ = connection;
            try
            {
                await connection.Store.CheckReadyAsync(cancellationToken).ConfigureAwait(false);

                // No wait: the release as the store has it now; a live verify would first wait for fresh data and a new release.
                var resolution = await ReleaseResolver.ResolveAsync(connection.Store, lookup, invocation.DeployedAt, now, plan.Soak.Duration,
                    plan.BaselineWindow, cancellationToken, wait: null).ConfigureAwait(false);
                (found, note) = resolution.Release is { } release
                    ? (release, $"found now, without waiting{(resolution.Note is { } said ? ": " + said : string.Empty)}; a live verify first waits up to "
                        + $"{PromDuration.Format(lookup.WaitFor)} for data scraped since it began, so it may judge a newer release")
                    : (null, $"no release found now ({resolution.Error?.Message}); a live verify waits up to {PromDuration.Format(lookup.WaitFor)} for one to start");
            }
            catch (MetricStoreAddressException address)
            {
                return context.InvalidInput([new ChecklistError(address.Message)]);
            }
            catch (MetricStoreUnavailableException unavailable)
            {
                context.Error.WriteLine($"error: the release could not be looked up: {unavailable.Message} (pass --offline to show the plan without it)");
                return ExitCode.Inconclusive;
            }
        }

        var description = PlanDescriber.Describe(plan, invocation.DeployedAt, found, note);
        context.Output.Write(options.Json ? PlanJson.Write(description) + "\n" : PlanText.Write(description));
        return ExitCode.Passed;
    }
}
