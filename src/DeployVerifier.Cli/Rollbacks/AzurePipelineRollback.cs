using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Http;
using DeployVerifier.Rollbacks;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Queues an Azure Pipelines run: <c>POST {organization}{project}/_apis/pipelines/{id}/runs?api-version=7.1</c> with the
/// bearer token in <c>SYSTEM_ACCESSTOKEN</c>, the template parameters and the branch.
/// </summary>
internal sealed class AzurePipelineRollback(RollbackAzurePipeline pipeline, HttpClient http, IEnvironment environment, TimeProvider time)
    : IRollbackAction
{
    /// <summary>The request gives up after 30 seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string Kind = "azurePipeline";

    public async Task<RollbackActionResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var what = $"pipeline {pipeline.PipelineId.ToString(CultureInfo.InvariantCulture)}";
        if (environment.Get("SYSTEM_ACCESSTOKEN") is not { Length: > 0 } token)
        {
            return new RollbackActionResult(Kind, false,
                $"{what} not queued: SYSTEM_ACCESSTOKEN is not set; map it into the step (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken))");
        }

        var organization = pipeline.OrganizationUrl?.ToString() ?? environment.Get("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI");
        var project = pipeline.Project ?? environment.Get("SYSTEM_TEAMPROJECT");
        if (string.IsNullOrWhiteSpace(organization) || string.IsNullOrWhiteSpace(project)
            || !Uri.TryCreate(organization.TrimEnd('/') + "/", UriKind.Absolute, out var collection))
        {
            return new RollbackActionResult(Kind, false,
                $"{what} not queued: set rollback.azurePipeline.organizationUrl and project (or SYSTEM_TEAMFOUNDATIONCOLLECTIONURI and SYSTEM_TEAMPROJECT)");
        }

        var url = new Uri(collection,
            $"{Uri.EscapeDataString(project)}/_apis/pipelines/{pipeline.PipelineId.ToString(CultureInfo.InvariantCulture)}/runs?api-version=7.1");
        what = $"{what} of {project}";
        using var message = OutboundHttp.Json(HttpMethod.Post, url, Body(request).ToJsonString());
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var answer = await OutboundHttp.SendAsync(http, message, Timeout, time, cancellationToken).ConfigureAwait(false);
        if (answer.Problem is { } problem)
        {
            return new RollbackActionResult(Kind, false,
                answer.TimedOut ? $"{what} not queued: no answer within {Quantities.PromDuration.Format(Timeout)}" : $"{what} not queued: {problem}");
        }

        if (!answer.Succeeded)
        {
            return new RollbackActionResult(Kind, false, $"{what} not queued: the server answered {(int)answer.Status!.Value} {answer.Reason}");
        }

        var run = RunId(answer.Body);
        return new RollbackActionResult(Kind, true, $"{what} queued{(run is null ? "" : $" as run {run}")}");
    }

    internal JsonObject Body(RollbackRequest request)
    {
        var values = RollbackPlaceholders.Values(request);
        var parameters = new JsonObject();
        foreach (var (name, value) in pipeline.TemplateParameters)
        {
            parameters[name] = RollbackPlaceholders.Replace(value, values);
        }

        var body = new JsonObject { ["templateParameters"] = parameters };
        if (pipeline.Branch is { } branch)
        {
            body["resources"] = new JsonObject
            {
                ["repositories"] = new JsonObject { ["self"] = new JsonObject { ["refName"] = branch } },
            };
        }

        return body;
    }

    private static string? RunId(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["id"]?.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
