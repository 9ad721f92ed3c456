namespace DeployVerifier.Cli.Options;

/// <summary>The verbs that take the rollout's start: <c>--deployed-at</c> (env <c>DEPLOY_VERIFIER_DEPLOYED_AT</c>).</summary>
internal interface IDeployedAtOption
{
    string? DeployedAt { get; }
}
