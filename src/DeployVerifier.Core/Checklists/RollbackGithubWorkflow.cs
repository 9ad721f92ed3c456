namespace DeployVerifier.Checklists;

/// <summary>
/// Dispatches a GitHub Actions workflow (<c>workflow_dispatch</c>) with a token from <c>INPUT_GITHUB-TOKEN</c> or
/// <c>GITHUB_TOKEN</c>. Input values may use <c>${verdict}</c>, <c>${failedChecks}</c>, <c>${reason}</c>,
/// <c>${deployedAt}</c> and <c>${decidedAt}</c>.
/// </summary>
/// <param name="Workflow">The workflow's file name (e.g. <c>rollback.yml</c>) or numeric id.</param>
/// <param name="Ref">The branch or tag to run it on; default the run's <c>GITHUB_REF</c>.</param>
/// <param name="Inputs">The workflow's inputs; default none.</param>
/// <param name="Repository">The <c>owner/name</c> repository; default <c>GITHUB_REPOSITORY</c>.</param>
public sealed record RollbackGithubWorkflow(string Workflow, string? Ref, IReadOnlyDictionary<string, string> Inputs, string? Repository);
