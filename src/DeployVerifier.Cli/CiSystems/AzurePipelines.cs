using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// Azure Pipelines (<c>TF_BUILD=True</c>): <c>task.setsecret</c> for secrets, <c>task.logissue</c> for errors, the soak
/// folded in <c>##[group]</c> with <c>task.setprogress</c>, the summary uploaded with <c>task.uploadsummary</c>, the
/// output variables <c>verdict</c>, <c>decidedAt</c> and <c>report</c>, and <c>task.complete</c> at the end.
/// </summary>
internal sealed class AzurePipelines(IEnvironment environment, TextWriter output, ISideFiles files) : ICiSystem
{
    /// <summary>The summary's file name when no <c>--summary-md</c> is given; Azure shows it as the tab's title.</summary>
    public const string SummaryFileName = "deploy-verifier-summary.md";

    private bool _grouped;

    public string Name => "Azure Pipelines";

    public IEnumerable<string> MaskCommands(string secret) =>
        secret.ReplaceLineEndings("\n").Split('\n')
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => AzureCommands.Command("task.setsecret", line));

    public void Annotate(IReadOnlyList<ChecklistError> errors)
    {
        foreach (var problem in errors)
        {
            var at = problem.Location;
            output.WriteLine(AzureCommands.Command("task.logissue", problem.Message,
                ("type", "error"),
                ("sourcepath", at?.File),
                ("linenumber", at is { Line: > 0 } l ? l.Line.ToString(CultureInfo.InvariantCulture) : null),
                ("columnnumber", at is { Column: > 0 } c ? c.Column.ToString(CultureInfo.InvariantCulture) : null)));
        }
    }

    public ISoakObserver Observe(ISoakObserver console, Invocation invocation) => new Progress(this, console);

    public IEnumerable<string> WarningLines(string message) => [AzureCommands.Command("task.logissue", message, ("type", "warning"))];

    private void BeginGroup()
    {
        output.WriteLine("##[group]Soak");
        _grouped = true;
    }

    private void Write(string line) => output.WriteLine(line);

    public void SoakEnded()
    {
        if (_grouped)
        {
            _grouped = false;
            output.WriteLine("##[endgroup]");
        }
    }

    /// <summary>Azure uploads the summary file once, at the end; the file itself is already written.</summary>
    public void Interim(string summary)
    {
    }

    public Task ConcludeAsync(CiConclusion conclusion)
    {
        SoakEnded();
        var report = conclusion.Report;
        UploadSummary(conclusion);
        SetOutput("verdict", CiText.Verdict(report.Outcome.Verdict));
        SetOutput("decidedAt", CiText.DecidedAt(report) ?? "");
        if (conclusion.JsonReportPath is { } json)
        {
            SetOutput("report", Path.GetFullPath(json));
        }

        var warned = CiText.Warned(report);
        foreach (var line in warned)
        {
            output.WriteLine(AzureCommands.Command("task.logissue", line, ("type", "warning")));
        }

        var headline = CiText.Headline(report);
        if (conclusion.InconclusiveWarned)
        {
            var warning = CiText.InconclusiveWarning(report);
            output.WriteLine(AzureCommands.Command("task.logissue", warning, ("type", "warning")));
            output.WriteLine(AzureCommands.Command("task.complete", warning, ("result", "SucceededWithIssues")));
        }
        else if (report.Outcome.Verdict == Verdict.Passed && warned.Count > 0)
        {
            output.WriteLine(AzureCommands.Command("task.complete", headline, ("result", "SucceededWithIssues")));
        }
        else if (report.Outcome.Verdict == Verdict.Passed)
        {
            output.WriteLine(AzureCommands.Command("task.complete", headline, ("result", "Succeeded")));
        }
        else
        {
            output.WriteLine(AzureCommands.Command("task.logissue", headline, ("type", "error")));
            output.WriteLine(AzureCommands.Command("task.complete", headline, ("result", "Failed")));
        }

        return Task.CompletedTask;
    }

    private void SetOutput(string name, string value) =>
        output.WriteLine(AzureCommands.Command("task.setvariable", value, ("variable", name), ("isOutput", "true")));

    /// <summary>Uploads the written summary, or writes one to the agent's temp directory first.</summary>
    private void UploadSummary(CiConclusion conclusion)
    {
        var path = conclusion.SummaryPath;
        if (path is null)
        {
            var directory = environment.Get("AGENT_TEMPDIRECTORY") is { Length: > 0 } temp ? temp : Path.GetTempPath();
            var target = Path.Combine(directory, SummaryFileName);
            if (SideFiles.Try(() => files.Write(target, conclusion.Summary), $"Markdown summary to {target}") is { } warning)
            {
                output.WriteLine(AzureCommands.Command("task.logissue", warning, ("type", "warning")));
                return;
            }

            path = target;
        }

        output.WriteLine(AzureCommands.Command("task.uploadsummary", Path.GetFullPath(path)));
    }

    /// <summary>The console's lines, folded in a group, with the task's progress bar.</summary>
    private sealed class Progress(AzurePipelines owner, ISoakObserver console) : ISoakObserver
    {
        public void Started(SoakSchedule schedule, bool replaying)
        {
            owner.BeginGroup();
            console.Started(schedule, replaying);
            owner.Write(AzureCommands.Command("task.setprogress", "Soaking", ("value", "0")));
        }

        public void Progressed(SoakProgress progress)
        {
            console.Progressed(progress);
            var percent = (int)Math.Floor(progress.Fraction * 100);
            owner.Write(AzureCommands.Command("task.setprogress", "Soaking", ("value", percent.ToString(CultureInfo.InvariantCulture))));
        }

        public void Extended(IReadOnlyList<(string Check, string Reason)> checks, DateTimeOffset until) => console.Extended(checks, until);
    }
}
