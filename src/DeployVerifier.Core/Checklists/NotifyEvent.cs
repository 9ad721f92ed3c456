namespace DeployVerifier.Checklists;

/// <summary>What a notify target may be told of; each target chooses its own.</summary>
public enum NotifyEvent
{
    /// <summary>The soak started (<c>started</c>).</summary>
    Started,

    /// <summary>A check has used half its tolerance, budget or failure limit, or a trend's forecast is failing but not yet decided (<c>earlyWarning</c>).</summary>
    EarlyWarning,

    /// <summary>The verdict (<c>verdict</c>).</summary>
    Verdict,

    /// <summary>What became of the rollback (<c>rollback</c>).</summary>
    Rollback,
}
