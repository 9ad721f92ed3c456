using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Notifications;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// GitHub Actions (<c>GITHUB_ACTIONS=true</c>): <c>::add-mask::</c> for secrets, <c>::error file=...::</c> annotations,
/// the soak folded in <c>::group::Soak</c>, the summary added to <c>GITHUB_STEP_SUMMARY</c> (an interim one replaced by the final one), the outputs
/// <c>verdict</c>, <c>decided-at</c> and <c>report</c> in <c>GITHUB_OUTPUT</c>, and, with a token, a deployment status
/// (given a deployment id) or a commit status kept up to date through the soak.
/// </summary>
internal sealed class GitHubActions(IEnvironment environment, TextWriter output, ISideFiles files, Func<Invocation, IGitHubStatusApi?>? statusApi = null)
    : CiSystemBase(output)
{
    private readonly List<string> _warnings = [];
    private readonly List<string> _notes = [];
    private GitHubStatusReporter? _reporter;
    private bool _reporterMade;

    public override string Name => "GitHub Actions";

    protected override string GroupStart => "::group::Soak";

    protected override string GroupEnd => "::endgroup::";

    /// <summary>The run's page, <c>$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID</c>, when all three are set.</summary>
    public override Uri? RunUrl => RunLink.Parse(GitHubClientFactory.RunUrl(environment));

    protected override string MaskCommand(string line) => GitHubCommands.Command("add-mask", line);

    public override void Annotate(IReadOnlyList<ChecklistError> errors)
    {
        foreach (var problem in errors.Take(GitHubCommands.MaxAnnotations))
        {
            var at = problem.Location;
            Output.WriteLine(GitHubCommands.Command("error", problem.Message,
                ("file", at is { } file ? WorkspacePath(file.File) : null),
                ("line", at is { Line: > 0 } l ? l.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                ("col", at is { Column: > 0 } c ? c.Column.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                ("title", "deploy-verifier: invalid input")));
        }
    }

    /// <summary>The status (deployment or commit) kept up to date through the soak, when there is a token.</summary>
    protected override ISoakObserver? Started(Invocation invocation) => Reporter(invocation);

    public override IEnumerable<string> WarningLines(string message) => [GitHubCommands.Command("warning", message, ("title", "deploy-verifier"))];

    /// <summary>The interim summary is replaced by the final one, never appended twice; what earlier runs in the step wrote stays.</summary>
    public override void Interim(string summary) => WriteSummary(summary);

    public override async Task ConcludeAsync(CiConclusion conclusion)
    {
        SoakEnded();
        var report = conclusion.Report;
        if (Reporter(conclusion.Invocation) is { } reporter)
        {
            var (notes, warnings) = await reporter.FinishAsync(FinalState(report.Outcome.Verdict), CiText.Headline(report)).ConfigureAwait(false);
            _notes.AddRange(notes);
            _warnings.AddRange(warnings);
        }

        WriteSummary(conclusion.Summary);
        WriteOutputs(conclusion);
        foreach (var warning in _warnings)
        {
            Output.WriteLine(GitHubCommands.Command("warning", warning, ("title", "deploy-verifier")));
        }

        foreach (var warned in CiText.Warned(report))
        {
            Output.WriteLine(GitHubCommands.Command("warning", warned, ("title", "Check failed (severity warn)")));
        }

        var headline = CiText.Headline(report);
        if (conclusion.InconclusiveWarned)
        {
            Output.WriteLine(GitHubCommands.Command("warning", CiText.InconclusiveWarning(report), ("title", "Release verification inconclusive")));
        }
        else if (report.Outcome.Verdict == Verdict.Failed)
        {
            Output.WriteLine(GitHubCommands.Command("error", headline, ("title", "Release failed verification")));
        }
        else if (report.Outcome.Verdict == Verdict.Inconclusive)
        {
            Output.WriteLine(GitHubCommands.Command("error", headline, ("title", "Release verification inconclusive")));
        }
    }

    internal static GitHubStatusState FinalState(Verdict verdict) => verdict switch
    {
        Verdict.Passed => GitHubStatusState.Success,
        Verdict.Failed => GitHubStatusState.Failure,
        _ => GitHubStatusState.Error,
    };

    /// <summary>The step summary as it was before this run first wrote to it.</summary>
    private string? _summaryBefore;

    private void WriteSummary(string summary)
    {
        if (environment.Get("GITHUB_STEP_SUMMARY") is not { Length: > 0 } path)
        {
            return;
        }

        var footer = _notes.Concat(_warnings.Select(w => $"⚠️ {w}")).Select(n => $"- {n}").ToList();
        var text = footer.Count == 0
            ? summary
            : $"{summary.TrimEnd()}\n\n**GitHub:**\n\n{string.Join("\n", footer)}\n";
        if (SideFiles.Try(() => files.Write(path, (_summaryBefore ??= files.Read(path) ?? string.Empty) + text.TrimEnd() + "\n\n"), $"step summary to {path}") is { } warning)
        {
            Output.WriteLine(GitHubCommands.Command("warning", warning, ("title", "deploy-verifier")));
        }
    }

    private void WriteOutputs(CiConclusion conclusion)
    {
        if (environment.Get("GITHUB_OUTPUT") is not { Length: > 0 } path)
        {
            return;
        }

        var delimiter = GitHubCommands.NewDelimiter();
        var values = new List<(string Name, string Value)>
        {
            ("verdict", CiText.Verdict(conclusion.Report.Outcome.Verdict)),
            ("decided-at", CiText.DecidedAt(conclusion.Report) ?? ""),
            ("report", conclusion.JsonReportPath is { } json ? WorkspacePath(json) : ""),
        };
        var text = string.Concat(values.Select(v => GitHubCommands.OutputEntry(v.Name, v.Value, delimiter)));
        if (SideFiles.Try(() => files.Append(path, text), $"step outputs to {path}") is { } warning)
        {
            Output.WriteLine(GitHubCommands.Command("warning", warning, ("title", "deploy-verifier")));
        }
    }

    /// <summary>A path as later steps and annotations see it: relative to <c>GITHUB_WORKSPACE</c> when it lies inside.</summary>
    internal string WorkspacePath(string path)
    {
        if (environment.Get("GITHUB_WORKSPACE") is not { Length: > 0 } workspace)
        {
            return path;
        }

        var relative = Path.GetRelativePath(Path.GetFullPath(workspace), Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }

    private GitHubStatusReporter? Reporter(Invocation invocation)
    {
        if (_reporterMade)
        {
            return _reporter;
        }

        _reporterMade = true;
        var api = statusApi is not null ? statusApi(invocation) : DefaultStatusApi(invocation);
        _reporter = api is null ? null : new GitHubStatusReporter(api);
        return _reporter;
    }

    private IGitHubStatusApi? DefaultStatusApi(Invocation invocation)
    {
        var token = GitHubClientFactory.Token(environment);
        var repository = GitHubClientFactory.Repository(environment.Get("GITHUB_REPOSITORY"));
        var sha = environment.Get("GITHUB_SHA");
        if (token is null)
        {
            _notes.Add(invocation.DeploymentId is { } id
                ? $"no status posted: deployment {id} was given but no token (pass the github-token input or set GITHUB_TOKEN)"
                : "no commit status posted: no token (pass the github-token input or set GITHUB_TOKEN)");
            if (invocation.DeploymentId is not null)
            {
                _warnings.Add("a deployment id was given but there is no token, so no deployment status was posted; pass the github-token input");
            }

            return null;
        }

        if (repository is not { } repo || (invocation.DeploymentId is null && string.IsNullOrEmpty(sha)))
        {
            _warnings.Add("no status posted: GITHUB_REPOSITORY (and GITHUB_SHA for a commit status) must be set");
            return null;
        }

        var client = GitHubClientFactory.Create(environment, token);
        return new OctokitStatusApi(client, repo.Owner, repo.Name, invocation.DeploymentId, sha, GitHubClientFactory.RunUrl(environment));
    }
}
