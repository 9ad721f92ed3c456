using DeployVerifier.Checklists;

namespace DeployVerifier.Queries;

/// <summary>The value of every variable, or why some are missing. <see cref="Values"/> is complete exactly when there are no errors.</summary>
public sealed record QueryVariablesResult(IReadOnlyDictionary<string, string> Values, IReadOnlyList<ChecklistError> Errors);
