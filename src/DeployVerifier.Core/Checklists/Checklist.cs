namespace DeployVerifier.Checklists;

/// <summary>A validated checklist: every value present and checked. Built only by <see cref="ChecklistLoader"/>.</summary>
public sealed record Checklist(
    PrometheusSettings Prometheus,
    SoakSettings Soak,
    IReadOnlyDictionary<string, string> Vars,
    IReadOnlyList<CheckDefinition> Checks,
    RollbackSettings Rollback);
