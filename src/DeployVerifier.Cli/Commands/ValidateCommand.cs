using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Metrics;
using DeployVerifier.Plans;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>validate</c>: the checklist's syntax, keys, values and placeholders, and the flags, with verify's own plan step
/// (a required variable without <c>--var</c> is an error here too), all before any network call; then every query once
/// as an instant query, so Prometheus's own parser judges it, unless <c>--offline</c>. Exit 0 valid, 2 invalid (also:
/// no address and no <c>--offline</c>), 3 store unreachable.
/// </summary>
internal sealed class ValidateCommand(CliContext context)
{
    public async Task<ExitCode> RunAsync(ValidateOptions options, CancellationToken cancellationToken)
    {
        var store = options.Offline ? StoreNeed.None : StoreNeed.RequiredUnlessOffline;
        if (!context.TryPrepare(options, out var invocation, out var prepared, out var invalidInput, store))
        {
            return invalidInput;
        }
        foreach (var problem in RollbackPreflight.Problems(prepared.Checklist.Rollback, context.Environment))
        {
            // Pull-request CI has neither the rollback's program nor its tokens: a warning here, an error in verify.
            context.Error.WriteLine($"warning: {problem} (verify refuses to start until it can)");
        }

        var rendered = prepared.Render(context.Time.GetUtcNow(), null);
        var checks = rendered.Count;
        if (options.Offline || prepared.PrometheusUrl is not { } url)
        {
            context.Output.WriteLine($"{invocation.ChecklistPath}: valid, {Counted(checks, "check")} (offline: the queries were not checked by Prometheus).");
            return ExitCode.Passed;
        }

        var (connection, connectionErrors) = context.Connect(prepared.Checklist.Prometheus, url);
        if (connection is null)
        {
            return context.InvalidInput(connectionErrors);
        }

        using var _ = connection;
        try
        {
            var invalid = await SoakPreflight.RunAsync(connection.Store, rendered, context.Time.GetUtcNow(), cancellationToken, prepared.ReleaseQueries()).ConfigureAwait(false);
            if (invalid.Count > 0)
            {
                return context.InvalidInput(invalid);
            }
        }
        catch (MetricStoreAddressException address)
        {
            return context.InvalidInput([new ChecklistError(address.Message)]);
        }
        catch (MetricStoreUnavailableException unavailable)
        {
            context.Error.WriteLine($"error: the checklist is valid, but its queries could not be checked: {unavailable.Message}");
            return ExitCode.Inconclusive;
        }

        var queries = rendered.Sum(c => c.Queries().Count()) + prepared.ReleaseQueries().Count();
        context.Output.WriteLine($"{invocation.ChecklistPath}: valid, {Counted(checks, "check")}; Prometheus at {url} accepted all {Counted(queries, "query", "queries")}.");
        return ExitCode.Passed;
    }

    private static string Counted(int count, string one, string? many = null) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many ?? one + "s")}");
}
