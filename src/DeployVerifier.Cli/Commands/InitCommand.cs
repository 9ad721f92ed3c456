using DeployVerifier.Checklists;
using DeployVerifier.Cli.Options;

namespace DeployVerifier.Cli.Commands;

/// <summary>
/// <c>init</c>: a commented starter checklist (<c>Init/Templates/*.yml</c>, embedded), printed or written to a new file.
/// Exit 0 written, 2 on an unknown kind or a file that exists or can't be created (nothing is written then).
/// </summary>
internal sealed class InitCommand(CliContext context)
{
    /// <summary>The starters, by <c>--kind</c>, and the <c>--var</c> values their required variables need, for the next step.</summary>
    private static readonly (string Kind, string Vars)[] Kinds =
    [
        ("kubernetes", "--var namespace=NAMESPACE --var workload=DEPLOYMENT"),
        ("vm", "--var job=JOB"),
    ];

    public ExitCode Run(InitOptions options)
    {
        context.RegisterSecrets(null);
        var kind = options.Kind?.Trim() ?? "";
        if (Array.FindIndex(Kinds, k => k.Kind == kind) is var index && index < 0)
        {
            return context.InvalidInput([new ChecklistError(
                $"--kind '{kind}' is not one of {string.Join(", ", Kinds.Select(k => k.Kind))}; write --kind kubernetes for a Deployment, --kind vm for hosts deployed in place")]);
        }

        var text = Template(kind);
        if (options.Out is not { Length: > 0 } path)
        {
            context.Output.Write(text);
            return ExitCode.Passed;
        }

        try
        {
            // CreateNew: the check that the file is absent and the write are one step, so nothing is ever overwritten.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file);
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path))
        {
            return context.InvalidInput([new ChecklistError($"--out '{path}' already exists; nothing was written: choose another file, or move that one away first")]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return context.InvalidInput([new ChecklistError($"--out '{path}' cannot be created ({exception.Message}); nothing was written: give a file in a folder you can write")]);
        }

        context.Output.WriteLine($"wrote a starter checklist for {kind} to {path}; check it with:");
        context.Output.WriteLine($"  deploy-verifier validate --checklist {path} --offline {Kinds[index].Vars}");
        return ExitCode.Passed;
    }

    /// <summary>The starter checklist of <paramref name="kind"/>, as embedded in the tool.</summary>
    internal static string Template(string kind)
    {
        var name = $"DeployVerifier.Cli.Init.Templates.{kind}.yml";
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the starter '{name}' is not embedded in the tool");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
