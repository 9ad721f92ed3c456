using CommandLine;
using CommandLine.Text;

namespace DeployVerifier.Cli;

/// <summary>
/// Help and version go to standard output with exit 0; a wrong argument gets a short error and a pointer to the help,
/// not the whole help page with the error buried in it.
/// </summary>
internal static class CommandLineErrors
{
    public static ExitCode Report<T>(ParserResult<T> parsed, IReadOnlyList<Error> errors, CliContext cli)
    {
        if (errors.Any(e => e is VersionRequestedError))
        {
            cli.Output.WriteLine(ToolInfo.Version);
            return ExitCode.Passed;
        }

        if (errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError))
        {
            var chosen = parsed.TypeInfo.Current.GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().FirstOrDefault();
            cli.Output.WriteLine(chosen is null ? Overview(parsed.TypeInfo.Choices) : VerbHelp(parsed, chosen.Name));
            return ExitCode.Passed;
        }

        if (errors.Any(e => e.Tag is ErrorType.NoVerbSelectedError))
        {
            cli.Error.WriteLine("error: no command given: use 'deploy-verifier verify', 'deploy-verifier validate', 'deploy-verifier backtest', 'deploy-verifier merge-backtests' or 'deploy-verifier init' (--help for their flags)");
            return ExitCode.InvalidInput;
        }

        var sentences = SentenceBuilder.Create();
        foreach (var error in errors)
        {
            cli.Error.WriteLine($"error: {sentences.FormatError(error)}");
        }

        var verb = parsed.TypeInfo.Current.GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().FirstOrDefault()?.Name;
        cli.Error.WriteLine($"Run 'deploy-verifier {verb ?? ""}{(verb is null ? "" : " ")}--help' for the flags; nothing was run (exit code 2).");
        return ExitCode.InvalidInput;
    }

    /// <summary>
    /// <c>deploy-verifier VERB --help</c>: the tool and version, the flags, then the verb's exit codes; no copyright line
    /// (CommandLineParser fills one in from the assembly, which says nothing a user needs).
    /// </summary>
    private static string VerbHelp<T>(ParserResult<T> parsed, string verb) =>
        HelpText.AutoBuild(parsed, h =>
        {
            h.Heading = $"deploy-verifier {ToolInfo.Version}: {verb}";
            h.Copyright = string.Empty;
            h.AddPostOptionsLines(HelpExitCodes.For(verb));
            return h;
        }, e => e).ToString();

    /// <summary><c>deploy-verifier --help</c>: the verbs, one line each, and where each one's flags are.</summary>
    private static string Overview(IEnumerable<Type> verbs)
    {
        var lines = verbs
            .Select(t => t.GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().First())
            .Select(v => $"  {v.Name,-15} {v.HelpText}");
        return $"deploy-verifier {ToolInfo.Version}: the post-deployment check\n\nUsage: deploy-verifier <command> [flags]\n\n"
            + string.Join("\n", lines)
            + "\n\n" + string.Join("\n", HelpExitCodes.For(null))
            + "\n\nRun 'deploy-verifier <command> --help' for its flags and exit codes; 'deploy-verifier --version' for the version.\n";
    }
}
