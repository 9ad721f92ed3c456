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

/// <summary>The events' names as the checklist and the report write them: the one table, read by the validator and the notifications.</summary>
public static class NotifyEventNames
{
    /// <summary>Every event with its name.</summary>
    public static IReadOnlyList<(string Name, NotifyEvent Value)> All { get; } =
        [("started", NotifyEvent.Started), ("earlyWarning", NotifyEvent.EarlyWarning), ("verdict", NotifyEvent.Verdict), ("rollback", NotifyEvent.Rollback)];

    /// <summary>The event's name, e.g. <c>earlyWarning</c>.</summary>
    public static string Of(NotifyEvent value) => All.First(e => e.Value == value).Name;
}
