using DeployVerifier.Checklists;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>The rollback's actions as the checklist configures them, each redacting what it says.</summary>
internal static class RollbackActions
{
    /// <summary>The actions in the order they run: command, webhook, GitHub workflow, Azure pipeline, Kubernetes.</summary>
    public static IReadOnlyList<IRollbackAction> For(RollbackSettings settings, CliContext context)
    {
        var actions = new List<IRollbackAction>();
        if (settings.Command is { } command)
        {
            actions.Add(new CommandRollback(command, context.Output, context.Environment, context.Time));
        }

        if (settings.Webhook is { } webhook)
        {
            actions.Add(new WebhookRollback(webhook, CliContext.Http, context.Environment, context.Time));
        }

        if (settings.GithubWorkflow is { } workflow)
        {
            actions.Add(new GitHubWorkflowRollback(workflow, context.Environment));
        }

        if (settings.AzurePipeline is { } pipeline)
        {
            actions.Add(new AzurePipelineRollback(pipeline, CliContext.Http, context.Environment, context.Time));
        }

        if (settings.Kubernetes is { } kubernetes)
        {
            actions.Add(new KubernetesRollback(kubernetes, context.Environment, context.Time));
        }

        return [.. actions.Select(a => new RedactingRollbackAction(a, context.Output.Redact))];
    }
}
