namespace DeployVerifier.Queries;

/// <summary>The values of the late built-ins for one fetch.</summary>
/// <param name="SinceDeploy">The time from the deploy to the evaluation.</param>
/// <param name="Instances">The instances <c>${releaseInstances}</c> names (none matches nothing).</param>
public sealed record QueryBinding(TimeSpan SinceDeploy, IReadOnlyList<string> Instances)
{
    /// <summary>For a syntax check: a minute since the deploy and no instances.</summary>
    public static QueryBinding Preflight { get; } = new(TimeSpan.FromMinutes(1), []);
}
