using System.Text;
using DeployVerifier.Checklists;
using DeployVerifier.Cli;
using DeployVerifier.Cli.Environment;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Support;
using DeployVerifier.Verdicts;

namespace DeployVerifier;

[TestClass]
public sealed class CliContextTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private CliContext Create(Dictionary<string, string> variables) =>
        new(new DictionaryEnvironment(variables), TimeProvider.System, _output, _error);

    [TestMethod]
    public void RegisterSecrets_GitHub_MasksFirstThenRedacts()
    {
        var context = Create(new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_TOKEN"] = "ghs_secret123" });

        context.RegisterSecrets(null);
        context.RegisterSecrets(null);
        context.Output.WriteLine("token is ghs_secret123");
        context.Output.Flush();

        Assert.AreEqual("::add-mask::ghs_secret123\ntoken is ***\n", _output.ToString().ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void RegisterSecrets_Azure_SetSecretFirst()
    {
        var context = Create(new() { ["TF_BUILD"] = "True", ["SYSTEM_ACCESSTOKEN"] = "azp-token-1" });

        context.RegisterSecrets(null);

        Assert.AreEqual("##vso[task.setsecret]azp-token-1\n", _output.ToString().ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void RegisterSecrets_NoCi_NothingPrinted()
    {
        Create(new() { ["GITHUB_TOKEN"] = "ghs_secret123" }).RegisterSecrets(null);

        Assert.AreEqual("", _output.ToString());
    }

    private static Checklist Load(string prometheus) =>
        ChecklistLoader.Load($"prometheus: {prometheus}\nchecks:\n  - {{name: a, query: up, max: 1}}\n", "checklist.yml").Checklist!;

    [TestMethod]
    public void RegisterSecrets_BasicAuth_DerivedFormsRedactedAndMasked()
    {
        var context = Create(new() { ["GITHUB_ACTIONS"] = "true", ["PROM_USER"] = "verifier", ["PROM_PASSWORD"] = "p4ss-w0rd" });
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("verifier:p4ss-w0rd"));

        context.RegisterSecrets(Load("{basicAuth: {usernameEnv: PROM_USER, passwordEnv: PROM_PASSWORD}}"));

        Assert.AreEqual("sent *** and ***", context.Output.Redact($"sent Basic {base64} and {base64}"));
        Assert.AreEqual("user ***", context.Error.Redact("user verifier:p4ss-w0rd"));
        StringAssert.Contains(_output.ToString(), $"::add-mask::{base64}");
    }

    [TestMethod]
    public void RegisterSecrets_BearerToken_HeaderFormRedacted()
    {
        var context = Create(new() { ["PROM_TOKEN"] = "t0ken-abc" });

        context.RegisterSecrets(Load("{bearerTokenEnv: PROM_TOKEN}"));

        Assert.AreEqual("Authorization: ***", context.Output.Redact("Authorization: Bearer t0ken-abc"));
    }

    [TestMethod]
    [DataRow(Verdict.Passed, false, 0)]
    [DataRow(Verdict.Failed, true, 1)]
    [DataRow(Verdict.Inconclusive, false, 3)]
    [DataRow(Verdict.Inconclusive, true, 0)]
    public async Task ConcludeAsync_VerdictAndPolicy_ExitCode(Verdict verdict, bool warn, int expected)
    {
        var context = Create([]);
        var policy = warn ? InconclusivePolicy.Warn : InconclusivePolicy.Fail;

        var code = await context.ConcludeAsync(Some.Report(verdict), "summary", Some.Invocation(inconclusive: policy));

        Assert.AreEqual(expected, (int)code);
    }

    [TestMethod]
    public async Task ConcludeAsync_InconclusiveWarnLocally_WarningOnStandardError()
    {
        await Create([]).ConcludeAsync(Some.Report(Verdict.Inconclusive), "summary", Some.Invocation(inconclusive: InconclusivePolicy.Warn));

        StringAssert.StartsWith(_error.ToString(), "warning: the verdict is inconclusive");
    }

    [TestMethod]
    public void InvalidInput_GitHub_AnnotatesAndPrintsPlainLines()
    {
        var context = Create(new() { ["GITHUB_ACTIONS"] = "true" });

        var code = context.InvalidInput([Some.Error("bad key", 2, 3)]);

        Assert.AreEqual(ExitCode.InvalidInput, code);
        StringAssert.StartsWith(_output.ToString(), "::error file=checklist.yml,line=2,col=3,");
        StringAssert.StartsWith(_error.ToString(), "error: checklist.yml:2:3: bad key");
    }
}
