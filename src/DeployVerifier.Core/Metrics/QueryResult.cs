namespace DeployVerifier.Metrics;

/// <summary>
/// The answer to an instant or range query. An instant vector comes back as series of one sample each, a scalar
/// as one series without labels. Warnings are the server's own (e.g. Thanos partial responses) and are kept so the
/// report can show them.
/// </summary>
public sealed record QueryResult(IReadOnlyList<Series> Series, IReadOnlyList<string> Warnings)
{
    public static QueryResult Empty { get; } = new([], []);

    /// <summary>
    /// What the store said the result is: <c>vector</c>, <c>scalar</c>, or <c>matrix</c> (a range vector, which an
    /// instant query of a check must not give); null when unknown.
    /// </summary>
    public string? ResultType { get; init; }
}
