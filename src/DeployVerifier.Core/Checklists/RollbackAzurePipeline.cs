namespace DeployVerifier.Checklists;

/// <summary>
/// Queues an Azure Pipelines run with the bearer token in <c>SYSTEM_ACCESSTOKEN</c>. Template parameter values may use
/// <c>${verdict}</c>, <c>${failedChecks}</c>, <c>${reason}</c>, <c>${deployedAt}</c> and <c>${decidedAt}</c>.
/// </summary>
/// <param name="OrganizationUrl">The collection address; default <c>SYSTEM_TEAMFOUNDATIONCOLLECTIONURI</c>.</param>
/// <param name="Project">The project; default <c>SYSTEM_TEAMPROJECT</c>.</param>
/// <param name="PipelineId">The pipeline's id.</param>
/// <param name="Branch">The full ref to run (<c>refs/heads/main</c>); default the pipeline's default branch.</param>
/// <param name="TemplateParameters">The run's template parameters; default none.</param>
public sealed record RollbackAzurePipeline(
    Uri? OrganizationUrl,
    string? Project,
    int PipelineId,
    string? Branch,
    IReadOnlyDictionary<string, string> TemplateParameters);
