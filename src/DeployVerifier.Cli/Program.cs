using System.Runtime.InteropServices;
using CommandLine;
using DeployVerifier.Cli;
using DeployVerifier.Cli.Commands;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Options;

// The entry point is the only place that catches: expected failures became exit codes below it; anything that
// reaches here is a bug, printed with its detail, exit 4.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var cli = new CliContext(new ProcessEnvironment(), TimeProvider.System, Console.Out, Console.Error);
try
{
    using var parser = new Parser(settings =>
    {
        settings.AllowMultiInstance = true;
        settings.CaseSensitive = true;
        settings.HelpWriter = null;
        settings.AutoVersion = true;
    });
    var parsed = parser.ParseArguments<VerifyOptions, ValidateOptions, PlanOptions, BacktestOptions, MergeBacktestsOptions, InitOptions, TuneOptions>(args);
    var code = await parsed.MapResult(
        (VerifyOptions options) => new VerifyCommand(cli).RunAsync(options, cancellation.Token),
        (ValidateOptions options) => new ValidateCommand(cli).RunAsync(options, cancellation.Token),
        (PlanOptions options) => new PlanCommand(cli).RunAsync(options, cancellation.Token),
        (BacktestOptions options) => new BacktestCommand(cli).RunAsync(options, cancellation.Token),
        (MergeBacktestsOptions options) => Task.FromResult(new MergeBacktestsCommand(cli).Run(options)),
        (InitOptions options) => Task.FromResult(new InitCommand(cli).Run(options)),
        (TuneOptions options) => new TuneCommand(cli).RunAsync(options, cancellation.Token),
        errors => Task.FromResult(CommandLineErrors.Report(parsed, errors.ToList(), cli))).ConfigureAwait(false);
    cli.Output.Flush();
    cli.Error.Flush();
    return (int)code;
}
catch (Exception exception)
{
    cli.Error.WriteLine($"internal error (a bug in deploy-verifier; please report it): {exception}");
    cli.Error.Flush();
    return (int)ExitCode.InternalError;
}
