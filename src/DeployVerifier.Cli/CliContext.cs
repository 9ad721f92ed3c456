using System.Diagnostics.CodeAnalysis;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Commands;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Http;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Output;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Plans;
using DeployVerifier.Prometheus;
using DeployVerifier.Reports;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli;

/// <summary>
/// What the commands share: the environment, the clock, the console (with secrets redacted), and the side channels
/// that the verdict flows into. Every write to a side channel is guarded: it can fail without changing the verdict.
/// </summary>
internal sealed class CliContext(IEnvironment environment, TimeProvider time, TextWriter output, TextWriter error, ICiSystem? ci = null)
{
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private ICiSystem? _ci = ci;
    private ReportFiles? _reports;

    /// <summary>Environment variables that hold secrets wherever the tool runs.</summary>
    private static readonly string[] WellKnownSecrets = ["GITHUB_TOKEN", "INPUT_GITHUB-TOKEN", "SYSTEM_ACCESSTOKEN"];

    public IEnvironment Environment { get; } = environment;

    public TimeProvider Time { get; } = time;

    public RedactingWriter Output { get; } = new(output);

    public RedactingWriter Error { get; } = new(error);

    /// <summary>The CI system the tool runs in (GitHub Actions, Azure Pipelines, or none), picked from the environment.</summary>
    public ICiSystem Ci => _ci ??= CiSystemDetector.Detect(Environment, Output, Error, new SideFiles());

    /// <summary>The report files, written redacted; remembers which were written for the CI system.</summary>
    public ReportFiles Reports => _reports ??= new ReportFiles(Output, Error);

    /// <summary>
    /// Hides every secret the checklist names (each value of an environment variable it names for a secret, and the
    /// forms derived from it, such as the base64 of basic credentials), before anything is printed.
    /// </summary>
    public void RegisterSecrets(Checklist? checklist)
    {
        var values = WellKnownSecrets.Select(Environment.Get).OfType<string>();
        if (checklist is not null)
        {
            values = values.Concat(HttpAuthHeaders.SecretValues(checklist.Prometheus.Auth, Environment.Get));
            if (checklist.Rollback.Webhook is { } webhook)
            {
                values = values.Concat(webhook.HeadersFromEnv.Values.Select(Environment.Get).OfType<string>());
            }

            if (checklist.Rollback.Kubernetes is { TokenEnv: { } tokenEnv })
            {
                values = values.Concat(new[] { Environment.Get(tokenEnv) }.OfType<string>());
            }

            values = values.Concat(checklist.Notify.SecretVariables().Select(Environment.Get).OfType<string>());
            if (checklist.Notify.Alertmanager is { } alertmanager)
            {
                values = values.Concat(HttpAuthHeaders.SecretValues(alertmanager.Auth, Environment.Get));
            }
        }

        foreach (var value in values.SelectMany(SecretForms.Of).ToList())
        {
            // The CI system's log masker learns each secret once, before any other line is printed.
            if (value.Trim().Length > 0 && _masked.Add(value))
            {
                foreach (var command in Ci.MaskCommands(value))
                {
                    Output.WriteUnredacted(command);
                }
            }

            Output.AddSecret(value);
            Error.AddSecret(value);
        }
    }

    /// <summary>
    /// Reads the flags and the environment, then the checklist, hiding secrets before anything is printed; on bad
    /// input, reports every error and gives the exit code.
    /// </summary>
    /// <param name="options">The verb's flags.</param>
    /// <param name="invocation">What was asked for.</param>
    /// <param name="prepared">The checklist, ready to run.</param>
    /// <param name="failure">The exit code when the input is bad.</param>
    /// <param name="store">Whether the verb contacts the store, so needs its address (see <see cref="PlanRequest.Store"/>).</param>
    public bool TryPrepare(ICommonOptions options, [NotNullWhen(true)] out Invocation? invocation, [NotNullWhen(true)] out VerificationPlan? prepared,
        out ExitCode failure, StoreNeed store)
    {
        RegisterSecrets(null);
        prepared = null;
        failure = ExitCode.InvalidInput;
        (invocation, var argumentErrors) = InvocationResolver.Resolve(options, Environment, Time);
        if (invocation is null)
        {
            failure = InvalidInput(argumentErrors);
            return false;
        }

        (prepared, var errors) = ChecklistPreparation.Prepare(invocation, Time.GetUtcNow(), store);
        if (prepared is null)
        {
            failure = InvalidInput(errors);
            return false;
        }

        RegisterSecrets(prepared.Checklist);
        return true;
    }

    public ExitCode InvalidInput(IEnumerable<ChecklistError> errors)
    {
        var list = errors.ToList();
        Ci.Annotate(list);
        foreach (var problem in list)
        {
            Error.WriteLine($"error: {problem}");
        }

        Error.WriteLine($"{list.Count} error{(list.Count == 1 ? "" : "s")}: nothing was run (exit code 2).");
        Error.Flush();
        return ExitCode.InvalidInput;
    }

    /// <summary>Connects to the store; what it says comes in redacted (see <see cref="RedactingMetricStore"/>).</summary>
    public (StoreConnection? Connection, IReadOnlyList<ChecklistError> Errors) Connect(PrometheusSettings settings, Uri url) =>
        StoreConnector.Connect(settings, url, Environment, Time, Output.Redact);

    public ISoakObserver Observe(ISoakObserver console, Invocation invocation) => Ci.Observe(console, invocation);

    /// <summary>The soak is over: its folded progress group closes before the rollback and the summary.</summary>
    public void SoakEnded() => Ci.SoakEnded();

    /// <summary>
    /// Turns the verdict into the exit code (an inconclusive one exits 0 with <c>--inconclusive warn</c>) and hands the
    /// result to the CI system. The CI system's failures are warnings; they never change the code.
    /// </summary>
    public async Task<ExitCode> ConcludeAsync(ReportContext report, string summary, Invocation invocation)
    {
        var (code, warned) = ExitCodes.From(report.Outcome.Verdict, invocation.Inconclusive);
        await Ci.ConcludeAsync(new CiConclusion(report, Output.Redact(summary), invocation, Reports.JsonPath, Reports.SummaryPath, code, warned))
            .ConfigureAwait(false);
        Output.Flush();
        return code;
    }

    /// <summary>A warning on the console and where the CI system shows problems; it never changes the exit code.</summary>
    public void Warn(string message)
    {
        var text = Output.Redact(message);
        foreach (var line in Ci.WarningLines(text))
        {
            Output.WriteLine(line);
        }

        Error.WriteLine($"warning: {text}");
    }

    private static readonly Lazy<HttpClient> SharedHttp = new(OutboundHttp.CreateClient);

    /// <summary>The client every rollback and notification sends through (<see cref="OutboundHttp"/>), shared by the run.</summary>
    public static HttpClient Http => SharedHttp.Value;
}
