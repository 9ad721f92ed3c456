using System.Text.Json.Nodes;

namespace DeployVerifier.Checklists;

/// <summary>What runs when the verdict is failed; nothing runs with <c>--dry-run</c> or on any other verdict.</summary>
public sealed record RollbackSettings(RollbackCommand? Command, RollbackWebhook? Webhook)
{
    public static RollbackSettings None { get; } = new(null, null);

    /// <summary>A GitHub Actions workflow to dispatch; default none.</summary>
    public RollbackGithubWorkflow? GithubWorkflow { get; init; }

    /// <summary>An Azure Pipelines run to queue; default none.</summary>
    public RollbackAzurePipeline? AzurePipeline { get; init; }

    /// <summary>A Kubernetes Deployment to undo; default none.</summary>
    public RollbackKubernetes? Kubernetes { get; init; }

    /// <summary>Where each configured action stands in the checklist (<c>command</c> at its program), for errors found later.</summary>
    public IReadOnlyDictionary<string, SourceLocation> Locations { get; init; } = new Dictionary<string, SourceLocation>();

    public bool IsConfigured => Command is not null || Webhook is not null || GithubWorkflow is not null || AzurePipeline is not null || Kubernetes is not null;
}

/// <summary>
/// A program run without a shell. Its environment is <see cref="ChecklistDefaults.RollbackCommandEnvironment"/>, the
/// variables named in <see cref="PassEnv"/>, and the verdict (<c>DEPLOY_VERIFIER_VERDICT</c>,
/// <c>DEPLOY_VERIFIER_FAILED_CHECKS</c>, <c>DEPLOY_VERIFIER_REASON</c>, <c>DEPLOY_VERIFIER_DEPLOYED_AT</c>); nothing else.
/// </summary>
/// <param name="Program">The program to run (looked up on PATH when it has no directory).</param>
/// <param name="Args">Its arguments, each passed as is.</param>
/// <param name="Timeout">Killed after this long; default 5 minutes.</param>
/// <param name="WorkingDirectory">Where it runs; default the current directory.</param>
public sealed record RollbackCommand(string Program, IReadOnlyList<string> Args, TimeSpan Timeout, string? WorkingDirectory)
{
    /// <summary>The names of further environment variables the program gets (e.g. a token it needs); default none.</summary>
    public IReadOnlyList<string> PassEnv { get; init; } = [];
}

/// <summary>An HTTP call. String values in the body may use <c>${verdict}</c>, <c>${failedChecks}</c>, <c>${reason}</c>.</summary>
/// <param name="Url">Where to send it.</param>
/// <param name="Method">The HTTP method; default POST.</param>
/// <param name="Headers">Literal headers.</param>
/// <param name="HeadersFromEnv">Headers whose values come from the named environment variables (for tokens).</param>
/// <param name="Body">The JSON body; default an object with the verdict, the failing checks and the reason.</param>
/// <param name="Timeout">Per-request timeout; default 30 seconds.</param>
public sealed record RollbackWebhook(
    Uri Url,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> HeadersFromEnv,
    JsonObject? Body,
    TimeSpan Timeout);
