namespace DeployVerifier.Cli.Environment;

/// <summary>Variables from a dictionary, for tests and for layering.</summary>
internal sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> variables) : IEnvironment
{
    public string? Get(string name) => variables.GetValueOrDefault(name);
}
