using DeployVerifier.Checklists;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// The CI system the tool runs in, as one seam: how it hides secrets, shows errors and progress, receives the summary and
/// outputs, and learns the result. Every method is a side channel: it reports its own failures and never throws.
/// </summary>
internal interface ICiSystem
{
    /// <summary>The system's name for messages: "GitHub Actions".</summary>
    string Name { get; }

    /// <summary>The run's page in the system (a GitHub Actions run, an Azure Pipelines build); null when unknown.</summary>
    Uri? RunUrl => null;

    /// <summary>The lines that register <paramref name="secret"/> with the log's masker; printed unredacted, before anything else.</summary>
    IEnumerable<string> MaskCommands(string secret);

    /// <summary>Shows errors where the system shows problems (annotations); the caller prints them as plain lines too.</summary>
    void Annotate(IReadOnlyList<ChecklistError> errors);

    /// <summary>Wraps the console's observer with the system's progress (a folded group, a progress bar, statuses).</summary>
    ISoakObserver Observe(ISoakObserver console, Invocation invocation);

    /// <summary>The soak is over (its progress group can close).</summary>
    void SoakEnded();

    /// <summary>
    /// Publishes a summary before the rollback starts (the rollback pending), so a job killed during it still shows one;
    /// <see cref="ConcludeAsync"/> replaces it.
    /// </summary>
    void Interim(string summary);

    /// <summary>The lines that show a warning where the system shows problems; the caller prints it as a plain line too.</summary>
    IEnumerable<string> WarningLines(string message) => [];

    /// <summary>Publishes the summary, outputs and final status, and says how the step ends.</summary>
    Task ConcludeAsync(CiConclusion conclusion);
}
