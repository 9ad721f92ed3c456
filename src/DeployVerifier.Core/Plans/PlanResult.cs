using DeployVerifier.Checklists;

namespace DeployVerifier.Plans;

/// <summary>The plan, or every reason there is none. <see cref="Plan"/> is null exactly when there are errors.</summary>
public sealed record PlanResult(VerificationPlan? Plan, IReadOnlyList<ChecklistError> Errors);
