using System.Globalization;
using System.Text.RegularExpressions;
using DeployVerifier.Checklists.Document;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>rollback</c> section: a command, a webhook, a GitHub workflow, an Azure pipeline or Kubernetes, and the placeholders they may use.</summary>
internal sealed partial class RollbackValidator(ScalarReader read)
{
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Repository();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex KubernetesName();

    public RollbackSettings Validate(RollbackDocument? r)
    {
        if (r is null)
        {
            return RollbackSettings.None;
        }

        RollbackCommand? command = null;
        if (r.Command is { } c)
        {
            var before = read.ErrorCount;
            if (c.Program is null || string.IsNullOrWhiteSpace(c.Program.Value))
            {
                read.Error("rollback.command: program is required", c.Program?.Location ?? c.Location);
            }

            var timeout = read.Duration(c.Timeout, "rollback.command.timeout", ChecklistDefaults.RollbackCommandTimeout, positive: true);
            List<string> passEnv = [.. (c.PassEnv ?? []).Select((name, i) => read.EnvName(name, $"rollback.command.passEnv[{i}]")).OfType<string>()];
            command = read.ErrorCount == before
                ? new RollbackCommand(c.Program!.Value, [.. (c.Args ?? []).Select(a => a.Value)], timeout, c.WorkingDirectory?.Value) { PassEnv = passEnv }
                : null;
        }

        RollbackWebhook? webhook = null;
        if (r.Webhook is { } w)
        {
            var url = read.Url(w.Url, "rollback.webhook.url", "put them in headersFromEnv (e.g. Authorization: ROLLBACK_AUTH), not in the address");
            if (w.Url is null)
            {
                read.Error("rollback.webhook: url is required", w.Location);
            }

            var method = w.Method?.Value.ToUpperInvariant() ?? "POST";
            if (w.Method is not null && !ScalarReader.Token().IsMatch(w.Method.Value))
            {
                read.Error($"rollback.webhook.method: '{w.Method.Value}' is not an HTTP method", w.Method.Location);
            }

            var headers = read.Headers(w.Headers, "rollback.webhook.headers");
            var headersFromEnv = read.HeadersFromEnv(w.HeadersFromEnv, "rollback.webhook.headersFromEnv");
            var body = w.Body is null ? null : DocumentJson.ToJson(RollbackPlaceholdersKnown(w.Body, "rollback.webhook.body")!);
            var timeout = read.Duration(w.Timeout, "rollback.webhook.timeout", ChecklistDefaults.WebhookTimeout, positive: true);
            webhook = url is not null ? new RollbackWebhook(url, method, headers, headersFromEnv, body, timeout) : null;
        }

        return new RollbackSettings(command, webhook)
        {
            GithubWorkflow = r.GithubWorkflow is { } g ? ValidateGithubWorkflow(g) : null,
            AzurePipeline = r.AzurePipeline is { } a ? ValidateAzurePipeline(a) : null,
            Kubernetes = r.Kubernetes is { } k ? ValidateKubernetes(k) : null,
            Locations = new Dictionary<string, SourceLocation?>
            {
                ["command"] = r.Command?.Program?.Location ?? r.Command?.Location,
                ["webhook"] = r.Webhook?.Location,
                ["githubWorkflow"] = r.GithubWorkflow?.Location,
                ["azurePipeline"] = r.AzurePipeline?.Location,
                ["kubernetes"] = r.Kubernetes?.Location,
            }.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.Value),
        };
    }

    private RollbackGithubWorkflow ValidateGithubWorkflow(RollbackGithubWorkflowDocument g)
    {
        const string Path = "rollback.githubWorkflow";
        var workflow = g.Workflow?.Value.Trim() ?? string.Empty;
        if (workflow.Length == 0)
        {
            read.Error($"{Path}: workflow is required (the file name in .github/workflows, e.g. rollback.yml, or the workflow's id)", g.Workflow?.Location ?? g.Location);
        }
        else if (workflow.Contains('/', StringComparison.Ordinal))
        {
            read.Error($"{Path}.workflow: '{workflow}' is a path; give the file name only, e.g. {workflow[(workflow.LastIndexOf('/') + 1)..]}", g.Workflow!.Location);
        }

        if (g.Ref is { } reference && string.IsNullOrWhiteSpace(reference.Value))
        {
            read.Error($"{Path}.ref: must name a branch or tag, e.g. main; leave it out to use the run's GITHUB_REF", reference.Location);
        }

        if (g.Repository is { } repository && !Repository().IsMatch(repository.Value))
        {
            read.Error($"{Path}.repository: '{repository.Value}' is not owner/name, e.g. octo-org/checkout", repository.Location);
        }

        return new RollbackGithubWorkflow(workflow, g.Ref?.Value.Trim(), read.ScalarMap(RollbackPlaceholdersKnown(g.Inputs, $"{Path}.inputs"), $"{Path}.inputs"), g.Repository?.Value);
    }

    private RollbackAzurePipeline ValidateAzurePipeline(RollbackAzurePipelineDocument a)
    {
        const string Path = "rollback.azurePipeline";
        var pipelineId = 0;
        if (a.PipelineId is null)
        {
            read.Error($"{Path}: pipelineId is required (the number in the pipeline's address, definitionId=42)", a.Location);
        }
        else
        {
            pipelineId = read.Integer(a.PipelineId, $"{Path}.pipelineId", 0, least: 1);
        }

        if (a.Project is { } project && string.IsNullOrWhiteSpace(project.Value))
        {
            read.Error($"{Path}.project: must name a project; leave it out to use SYSTEM_TEAMPROJECT", project.Location);
        }

        string? branch = null;
        if (a.Branch is { } branchScalar)
        {
            branch = branchScalar.Value.Trim();
            if (branch.Length == 0)
            {
                read.Error($"{Path}.branch: must name a branch, e.g. refs/heads/main; leave it out for the pipeline's default branch", branchScalar.Location);
            }
            else if (!branch.StartsWith("refs/", StringComparison.Ordinal))
            {
                branch = $"refs/heads/{branch}";
            }
        }

        return new RollbackAzurePipeline(
            read.Url(a.OrganizationUrl, $"{Path}.organizationUrl", "the token comes from SYSTEM_ACCESSTOKEN, not the address"),
            a.Project?.Value.Trim(),
            pipelineId,
            branch,
            read.ScalarMap(RollbackPlaceholdersKnown(a.TemplateParameters, $"{Path}.templateParameters"), $"{Path}.templateParameters"));
    }

    private RollbackKubernetes ValidateKubernetes(RollbackKubernetesDocument k)
    {
        const string Path = "rollback.kubernetes";
        string Name(DocumentScalar? scalar, string key, string example)
        {
            var value = scalar?.Value.Trim() ?? string.Empty;
            if (value.Length == 0)
            {
                read.Error($"{Path}: {key} is required (the Deployment's {key}, e.g. {example})", scalar?.Location ?? k.Location);
            }
            else if (!KubernetesName().IsMatch(value))
            {
                read.Error($"{Path}.{key}: '{value}' is not a Kubernetes name (lower-case letters, digits, '-' and '.')", scalar!.Location);
            }

            return value;
        }

        var ns = Name(k.Namespace, "namespace", "shop");
        var deployment = Name(k.Deployment, "deployment", "checkout");
        if (k.Context is { } context && string.IsNullOrWhiteSpace(context.Value))
        {
            read.Error($"{Path}.context: must name a kubeconfig context; leave it out for the current one", context.Location);
        }

        var server = read.EnvName(k.ServerEnv, $"{Path}.serverEnv");
        var token = read.EnvName(k.TokenEnv, $"{Path}.tokenEnv");
        if ((k.ServerEnv is null) != (k.TokenEnv is null))
        {
            read.Error($"{Path}: give serverEnv and tokenEnv together (the API server's address and a bearer token), or neither to use a kubeconfig or the pod's service account",
                (k.ServerEnv ?? k.TokenEnv)!.Location);
        }

        if (k.CaFile is { } caFile && k.ServerEnv is null)
        {
            read.Error($"{Path}.caFile: only with serverEnv and tokenEnv; a kubeconfig names its own certificate authority", caFile.Location);
        }

        if (k.Context is { } withContext && k.ServerEnv is not null)
        {
            read.Error($"{Path}.context: a kubeconfig context, not used with serverEnv and tokenEnv; give one or the other", withContext.Location);
        }

        return new RollbackKubernetes(ns, deployment, k.Context?.Value.Trim(), server, token, k.CaFile?.Value,
            read.Duration(k.Timeout, $"{Path}.timeout", ChecklistDefaults.KubernetesRollbackTimeout, positive: true));
    }

    /// <summary>A free-form mapping whose values must be single values (workflow inputs, template parameters).</summary>
    /// <summary>Reports every <c>${name}</c> in a rollback value that is not a rollback placeholder (a typo would be sent as written).</summary>
    private T? RollbackPlaceholdersKnown<T>(T? node, string path)
        where T : DocumentNode
    {
        switch (node)
        {
            case DocumentScalar scalar:
                foreach (var name in RollbackVariables.Unknown(scalar.Value))
                {
                    read.Error($"{path}: '${{{name}}}' is not a rollback placeholder ({string.Join(", ", RollbackVariables.Names)})"
                        + NameSuggestion.Hint(name, RollbackVariables.Names), scalar.Location);
                }

                break;
            case DocumentSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    RollbackPlaceholdersKnown(sequence.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                }

                break;
            case DocumentMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    RollbackPlaceholdersKnown(value, $"{path}.{key.Value}");
                }

                break;
        }

        return node;
    }
}
