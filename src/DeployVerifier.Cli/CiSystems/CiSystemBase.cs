using DeployVerifier.Checklists;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Measurements;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>
/// What the CI systems with log commands share (in the manner of GitVersion's <c>BuildAgentBase</c>): secrets masked
/// line by line, the soak folded in a group that closes when it ends, and a progress observer that opens the group and
/// passes each step on to the system's own progress.
/// </summary>
internal abstract class CiSystemBase(TextWriter output) : ICiSystem
{
    private bool _grouped;

    public abstract string Name { get; }

    /// <summary>The line that opens the soak's folded group, e.g. <c>::group::Soak</c>.</summary>
    protected abstract string GroupStart { get; }

    /// <summary>The line that closes it.</summary>
    protected abstract string GroupEnd { get; }

    protected TextWriter Output => output;

    public abstract Uri? RunUrl { get; }

    /// <summary>The command that registers one line of a secret with the log's masker.</summary>
    protected abstract string MaskCommand(string line);

    public IEnumerable<string> MaskCommands(string secret) =>
        secret.ReplaceLineEndings("\n").Split('\n')
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(MaskCommand);

    public abstract void Annotate(IReadOnlyList<ChecklistError> errors);

    public abstract IEnumerable<string> WarningLines(string message);

    public ISoakObserver Observe(ISoakObserver console, Invocation invocation) => new Progress(this, console, Started(invocation));

    /// <summary>The system's own progress for the run, told of each step after the console; null when it has none.</summary>
    protected abstract ISoakObserver? Started(Invocation invocation);

    public void SoakEnded()
    {
        if (_grouped)
        {
            _grouped = false;
            output.WriteLine(GroupEnd);
        }
    }

    public abstract void Interim(string summary);

    public abstract Task ConcludeAsync(CiConclusion conclusion);

    private void BeginGroup()
    {
        output.WriteLine(GroupStart);
        _grouped = true;
    }

    private sealed class Progress(CiSystemBase owner, ISoakObserver console, ISoakObserver? system) : ISoakObserver
    {
        public void Started(SoakSchedule schedule, bool replaying)
        {
            owner.BeginGroup();
            console.Started(schedule, replaying);
            system?.Started(schedule, replaying);
        }

        public void Progressed(SoakProgress progress)
        {
            console.Progressed(progress);
            system?.Progressed(progress);
        }

        public void Extended(IReadOnlyList<(string Check, string Reason)> checks, DateTimeOffset until) => console.Extended(checks, until);
    }
}
