using DeployVerifier.Checklists;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.CiSystems;

/// <summary>No CI system (a terminal, or a CI without an integration): plain lines only.</summary>
internal sealed class LocalConsole(TextWriter error) : ICiSystem
{
    public string Name => "console";

    public IEnumerable<string> MaskCommands(string secret) => [];

    public void Annotate(IReadOnlyList<ChecklistError> errors)
    {
    }

    public ISoakObserver Observe(ISoakObserver console, Invocation invocation) => console;

    public void SoakEnded()
    {
    }

    public void Interim(string summary)
    {
    }

    public Task ConcludeAsync(CiConclusion conclusion)
    {
        foreach (var warned in CiText.Warned(conclusion.Report))
        {
            error.WriteLine($"warning: {warned}");
        }

        if (conclusion.InconclusiveWarned)
        {
            error.WriteLine($"warning: {CiText.InconclusiveWarning(conclusion.Report)}");
        }

        return Task.CompletedTask;
    }
}
