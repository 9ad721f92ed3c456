namespace DeployVerifier.Checklists;

/// <summary>A validated checklist: every value present and checked. Built only by <see cref="ChecklistLoader"/>.</summary>
/// <param name="Vars">The defaults of the <c>${placeholders}</c>; a null value marks a variable that <c>--var</c> must give.</param>
public sealed record Checklist(
    PrometheusSettings Prometheus,
    SoakSettings Soak,
    IReadOnlyDictionary<string, string?> Vars,
    IReadOnlyList<CheckDefinition> Checks,
    RollbackSettings Rollback)
{
    /// <summary>How the release is found in the metrics; null when the checklist has no <c>release</c> section.</summary>
    public ReleaseSettings? Release { get; init; }

    /// <summary>Who is told of the verification while it runs; default nobody.</summary>
    public NotifySettings Notify { get; init; } = NotifySettings.None;
}
