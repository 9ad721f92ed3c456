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
            cli.Output.WriteLine(CliContext.Version);
            return ExitCode.Passed;
        }

        if (errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError))
        {
            cli.Output.WriteLine(HelpText.AutoBuild(parsed, h => h, e => e));
            return ExitCode.Passed;
        }

        if (errors.Any(e => e.Tag is ErrorType.NoVerbSelectedError))
        {
            cli.Error.WriteLine("error: no command given: use 'deploy-verifier verify', 'deploy-verifier validate' or 'deploy-verifier backtest' (--help for their flags)");
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
}
