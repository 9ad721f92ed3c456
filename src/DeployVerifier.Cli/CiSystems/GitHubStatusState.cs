namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// The states deploy-verifier posts. An inconclusive verdict is posted as <see cref="Error"/>: GitHub's word for "the
/// check itself could not finish", kept apart from <see cref="Failure"/>, which means the release is bad.
/// </summary>
internal enum GitHubStatusState
{
    /// <summary>The soak runs (a commit status shows it as <c>pending</c>).</summary>
    InProgress,

    /// <summary>The release passed.</summary>
    Success,

    /// <summary>The release failed.</summary>
    Failure,

    /// <summary>The release could not be judged (inconclusive, cancelled).</summary>
    Error,
}
