using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Notifications;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Measurements;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// Azure Pipelines (<c>TF_BUILD=True</c>): <c>task.setsecret</c> for secrets, <c>task.logissue</c> for errors, the soak
/// folded in <c>##[group]</c> with <c>task.setprogress</c>, the summary uploaded with <c>task.uploadsummary</c>, the
/// output variables <c>verdict</c>, <c>decidedAt</c> and <c>report</c>, and <c>task.complete</c> at the end.
/// </summary>
internal sealed class AzurePipelines(IEnvironment environment, TextWriter output, ISideFiles files) : CiSystemBase(output)
{
    /// <summary>The summary's file name when no <c>--summary-md</c> is given; Azure shows it as the tab's title.</summary>
    public const string SummaryFileName = "deploy-verifier-summary.md";

    public override string Name => "Azure Pipelines";

    protected override string GroupStart => "##[group]Soak";

    protected override string GroupEnd => "##[endgroup]";

    /// <summary>The build's page, <c>$SYSTEM_COLLECTIONURI$SYSTEM_TEAMPROJECT/_build/results?buildId=$BUILD_BUILDID</c>, when all three are set.</summary>
    public override Uri? RunUrl =>
        (environment.Get("SYSTEM_COLLECTIONURI"), environment.Get("SYSTEM_TEAMPROJECT"), environment.Get("BUILD_BUILDID")) is
            ({ Length: > 0 } collection, { Length: > 0 } project, { Length: > 0 } build)
            ? RunLink.Parse($"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={Uri.EscapeDataString(build)}")
            : null;

    protected override string MaskCommand(string line) => AzureCommands.Command("task.setsecret", line);

    public override void Annotate(IReadOnlyList<ChecklistError> errors)
    {
        foreach (var problem in errors)
        {
            var at = problem.Location;
            Output.WriteLine(AzureCommands.Command("task.logissue", problem.Message,
                ("type", "error"),
                ("sourcepath", at?.File),
                ("linenumber", at is { Line: > 0 } l ? l.Line.ToString(CultureInfo.InvariantCulture) : null),
                ("columnnumber", at is { Column: > 0 } c ? c.Column.ToString(CultureInfo.InvariantCulture) : null)));
        }
    }

    /// <summary>The task's progress bar.</summary>
    protected override ISoakObserver? Started(Invocation invocation) => new ProgressBar(Output);

    public override IEnumerable<string> WarningLines(string message) => [AzureCommands.Command("task.logissue", message, ("type", "warning"))];

    /// <summary>Azure uploads the summary file once, at the end; the file itself is already written.</summary>
    public override void Interim(string summary)
    {
    }

    public override Task ConcludeAsync(CiConclusion conclusion)
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
            Output.WriteLine(AzureCommands.Command("task.logissue", line, ("type", "warning")));
        }

        var headline = CiText.Headline(report);
        if (conclusion.InconclusiveWarned)
        {
            var warning = CiText.InconclusiveWarning(report);
            Output.WriteLine(AzureCommands.Command("task.logissue", warning, ("type", "warning")));
            Output.WriteLine(AzureCommands.Command("task.complete", warning, ("result", "SucceededWithIssues")));
        }
        else if (report.Outcome.Verdict == Verdict.Passed && warned.Count > 0)
        {
            Output.WriteLine(AzureCommands.Command("task.complete", headline, ("result", "SucceededWithIssues")));
        }
        else if (report.Outcome.Verdict == Verdict.Passed)
        {
            Output.WriteLine(AzureCommands.Command("task.complete", headline, ("result", "Succeeded")));
        }
        else
        {
            Output.WriteLine(AzureCommands.Command("task.logissue", headline, ("type", "error")));
            Output.WriteLine(AzureCommands.Command("task.complete", headline, ("result", "Failed")));
        }

        return Task.CompletedTask;
    }

    private void SetOutput(string name, string value) =>
        Output.WriteLine(AzureCommands.Command("task.setvariable", value, ("variable", name), ("isOutput", "true")));

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
                Output.WriteLine(AzureCommands.Command("task.logissue", warning, ("type", "warning")));
                return;
            }

            path = target;
        }

        Output.WriteLine(AzureCommands.Command("task.uploadsummary", Path.GetFullPath(path)));
    }

    /// <summary>The task's progress bar, from 0 to 100 through the soak.</summary>
    private sealed class ProgressBar(TextWriter output) : ISoakObserver
    {
        public void Started(SoakSchedule schedule, bool replaying) =>
            output.WriteLine(AzureCommands.Command("task.setprogress", "Soaking", ("value", "0")));

        public void Progressed(SoakProgress progress)
        {
            var percent = (int)Math.Floor(progress.Fraction * 100);
            output.WriteLine(AzureCommands.Command("task.setprogress", "Soaking", ("value", percent.ToString(CultureInfo.InvariantCulture))));
        }
    }
}
