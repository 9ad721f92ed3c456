namespace DeployVerifier.Cli;

/// <summary>The process's exit codes; they follow the verdict alone.</summary>
internal enum ExitCode
{
    /// <summary>The release passed.</summary>
    Passed = 0,

    /// <summary>The release failed (also with <c>--dry-run</c>).</summary>
    Failed = 1,

    /// <summary>The arguments or the checklist are invalid; nothing was run.</summary>
    InvalidInput = 2,

    /// <summary>The release could not be judged (no data, store unreachable, cancelled).</summary>
    Inconclusive = 3,

    /// <summary>An unexpected internal error.</summary>
    InternalError = 4,
}
