namespace DeployVerifier.Checklists.Document;

/// <summary><c>rollback</c> as written.</summary>
internal sealed record RollbackDocument
{
    public RollbackCommandDocument? Command { get; init; }

    public RollbackWebhookDocument? Webhook { get; init; }

    public RollbackGithubWorkflowDocument? GithubWorkflow { get; init; }

    public RollbackAzurePipelineDocument? AzurePipeline { get; init; }

    public RollbackKubernetesDocument? Kubernetes { get; init; }
}
