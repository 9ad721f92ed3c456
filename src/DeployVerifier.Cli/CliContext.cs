using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.CiSystems;
using DeployVerifier.Cli.Commands;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Http;
using DeployVerifier.Cli.Notifications;
using DeployVerifier.Cli.Options;
using DeployVerifier.Cli.Output;
using DeployVerifier.Cli.Rollbacks;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Notifications;
using DeployVerifier.Plans;
using DeployVerifier.Prometheus;
using DeployVerifier.Reports;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli;

/// <summary>
/// What the commands share: the environment, the clock, the console (with secrets redacted), and the side channels
/// that the verdict flows into. Every write to a side channel is guarded: it can fail without changing the verdict.
/// </summary>
internal sealed class CliContext(IEnvironment environment, TimeProvider time, TextWriter output, TextWriter error, ICiSystem? ci = null)
{
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private ICiSystem? _ci = ci;

    /// <summary>Environment variables that hold secrets wherever the tool runs.</summary>
    private static readonly string[] WellKnownSecrets = ["GITHUB_TOKEN", "INPUT_GITHUB-TOKEN", "SYSTEM_ACCESSTOKEN"];

    public IEnvironment Environment { get; } = environment;

    public TimeProvider Time { get; } = time;

    public RedactingWriter Output { get; } = new(output);

    public RedactingWriter Error { get; } = new(error);

    /// <summary>The CI system the tool runs in (GitHub Actions, Azure Pipelines, or none), picked from the environment.</summary>
    public ICiSystem Ci => _ci ??= CiSystemDetector.Detect(Environment, Output, Error, new SideFiles());

    /// <summary>The JSON report, once written.</summary>
    public string? WrittenJsonReport { get; private set; }

    /// <summary>The Markdown summary file, once written.</summary>
    public string? WrittenSummary { get; private set; }

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
    /// <param name="standIn">A value for required variables not given (see <see cref="ChecklistPreparation.Prepare"/>).</param>
    public bool TryPrepare(ICommonOptions options, [NotNullWhen(true)] out Invocation? invocation, [NotNullWhen(true)] out VerificationPlan? prepared,
        out ExitCode failure, string? standIn = null)
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

        (prepared, var errors) = ChecklistPreparation.Prepare(invocation, Time.GetUtcNow(), standIn);
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
        var verdict = report.Outcome.Verdict;
        var warned = verdict == Verdict.Inconclusive && invocation.Inconclusive == InconclusivePolicy.Warn;
        var code = verdict switch
        {
            Verdict.Passed => ExitCode.Passed,
            Verdict.Failed => ExitCode.Failed,
            _ => warned ? ExitCode.Passed : ExitCode.Inconclusive,
        };
        await Ci.ConcludeAsync(new CiConclusion(report, Output.Redact(summary), invocation, WrittenJsonReport, WrittenSummary, code, warned))
            .ConfigureAwait(false);
        Output.Flush();
        return code;
    }

    public IReadOnlyList<IRollbackAction> RollbackActions(RollbackSettings settings)
    {
        var actions = new List<IRollbackAction>();
        if (settings.Command is { } command)
        {
            actions.Add(new CommandRollback(command, Output, Environment, Time));
        }

        if (settings.Webhook is { } webhook)
        {
            actions.Add(new WebhookRollback(webhook, SharedHttp.Value, Environment, Time));
        }

        if (settings.GithubWorkflow is { } workflow)
        {
            actions.Add(new GitHubWorkflowRollback(workflow, Environment));
        }

        if (settings.AzurePipeline is { } pipeline)
        {
            actions.Add(new AzurePipelineRollback(pipeline, SharedHttp.Value, Environment, Time));
        }

        if (settings.Kubernetes is { } kubernetes)
        {
            actions.Add(new KubernetesRollback(kubernetes, Environment, Time));
        }

        return [.. actions.Select(a => new RedactingRollbackAction(a, Output.Redact))];
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

    /// <summary>The notify targets of the checklist, sending for real, or printing only with <c>--no-notify</c>.</summary>
    public Notifier Notifier(NotifySettings settings, IEnumerable<CheckDefinition> checks, Invocation invocation, NotifyRelease release)
    {
        var log = new NotificationLog(Output.Redact);
        INotifySender sender = invocation.NoNotify ? new PrintingNotifySender(Output, Time, log) : new HttpNotifySender(SharedHttp.Value, Time, log);
        var byName = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var targets = new List<INotifyTarget>();
        if (settings.Alertmanager is { } alertmanager)
        {
            // One target per address: a hanging Alertmanager never delays another (each has its own queue).
            targets.AddRange(alertmanager.Urls.Select(url => new AlertmanagerNotifier(alertmanager, url, sender, Environment.Get, byName, Time)));
        }

        if (settings.Slack is { } slack)
        {
            targets.Add(ChatNotifier.Slack(slack, sender, Environment.Get));
        }

        if (settings.Teams is { } teams)
        {
            targets.Add(ChatNotifier.Teams(teams, sender, Environment.Get));
        }

        if (settings.Statuspage is { } statuspage)
        {
            targets.Add(new StatuspageNotifier(statuspage, sender, Environment.Get));
        }

        if (settings.Webhook is { } webhook)
        {
            targets.Add(new StatusWebhookNotifier(webhook, sender, Environment.Get));
        }

        return new Notifier(targets, Time, log, release);
    }

    /// <summary>Writes the report files; a file that can't be written is reported, never fatal.</summary>
    /// <param name="report">What to write.</param>
    /// <param name="summary">The Markdown summary.</param>
    /// <param name="jsonPath">Where the JSON report goes, if anywhere.</param>
    /// <param name="markdownPath">Where the summary goes, if anywhere.</param>
    /// <param name="htmlPath">Where the HTML report goes, if anywhere.</param>
    /// <param name="quiet">Say nothing of the files written (an interim report, rewritten later).</param>
    public void Publish(ReportContext report, string summary, string? jsonPath, string? markdownPath, string? htmlPath = null, bool quiet = false)
    {
        if (jsonPath is not null && TryWrite(jsonPath, Output.Redact(JsonReportWriter.Write(report)), "JSON report", quiet))
        {
            WrittenJsonReport = jsonPath;
        }

        if (markdownPath is not null && TryWrite(markdownPath, Output.Redact(summary), "Markdown summary", quiet))
        {
            WrittenSummary = markdownPath;
        }

        if (htmlPath is not null)
        {
            TryWrite(htmlPath, Output.Redact(HtmlReport.Write(report)), "HTML report", quiet);
        }
    }

    /// <summary>Writes a report file, redacted; a file that can't be written is reported, never fatal.</summary>
    public bool WriteReport(string path, string content, string what) => TryWrite(path, Output.Redact(content), what, quiet: false);

    private bool TryWrite(string path, string content, string what, bool quiet)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, content);
            if (!quiet)
            {
                Output.WriteLine($"Wrote the {what} to {path}.");
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Error.WriteLine($"warning: could not write the {what} to {path}: {exception.Message}");
            return false;
        }
    }

    private static readonly Lazy<HttpClient> SharedHttp = new(OutboundHttp.CreateClient);
}
