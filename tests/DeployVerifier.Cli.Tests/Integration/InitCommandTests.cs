using DeployVerifier.Cli.Commands;

namespace DeployVerifier.Integration;

/// <summary><c>init</c> as a process: a starter checklist that validates, printed or written, never over an existing file.</summary>
[TestClass]
public sealed class InitCommandTests
{
    private static readonly string Root = Directory.CreateTempSubdirectory("dv-init-").FullName;

    [ClassCleanup]
    public static void RemoveWorkspaces() => Directory.Delete(Root, recursive: true);

    private static string Workspace() => Directory.CreateDirectory(Path.Combine(Root, Guid.NewGuid().ToString("N"))).FullName;

    [TestMethod]
    [DataRow("kubernetes", new[] { "--var", "namespace=shop", "--var", "workload=checkout" }, "4 checks")]
    [DataRow("vm", new[] { "--var", "job=checkout" }, "3 checks")]
    public async Task Init_Kind_WritesAStarterThatValidatesOffline(string kind, string[] vars, string checks)
    {
        var workspace = Workspace();

        var init = await DeployVerifierProcess.RunAsync(["init", "--kind", kind, "--out", "checklist.yml"], workingDirectory: workspace);
        var validate = await DeployVerifierProcess.RunAsync(["validate", "--checklist", "checklist.yml", "--offline", .. vars], workingDirectory: workspace);

        Assert.AreEqual(0, init.ExitCode, init.ToString());
        StringAssert.Contains(init.Output, "deploy-verifier validate --checklist checklist.yml --offline --var");
        Assert.AreEqual(InitCommand.Template(kind), File.ReadAllText(Path.Combine(workspace, "checklist.yml")));
        Assert.AreEqual(0, validate.ExitCode, validate.ToString());
        StringAssert.Contains(validate.Output, $"valid, {checks} (offline");
    }

    [TestMethod]
    public async Task Init_StarterWithoutItsRequiredVars_IsRefusedByValidate()
    {
        var workspace = Workspace();

        await DeployVerifierProcess.RunAsync(["init", "--kind", "kubernetes", "--out", "checklist.yml"], workingDirectory: workspace);
        var validate = await DeployVerifierProcess.RunAsync(["validate", "--checklist", "checklist.yml", "--offline"], workingDirectory: workspace);

        Assert.AreEqual(2, validate.ExitCode, validate.ToString());
        StringAssert.Contains(validate.Error, "vars.namespace has no default");
    }

    [TestMethod]
    public async Task Init_ExistingFile_IsRefusedAndLeftAsItIs()
    {
        var workspace = Workspace();
        var path = Path.Combine(workspace, "checklist.yml");
        File.WriteAllText(path, "keep me\n");

        var result = await DeployVerifierProcess.RunAsync(["init", "--kind", "vm", "--out", "checklist.yml"], workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, "error: --out 'checklist.yml' already exists; nothing was written");
        Assert.AreEqual("keep me\n", File.ReadAllText(path));
    }

    [TestMethod]
    public async Task Init_WithoutOut_PrintsTheStarterAndWritesNothing()
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(["init", "--kind", "kubernetes"], workingDirectory: workspace);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(InitCommand.Template("kubernetes"), result.Output);
        StringAssert.Contains(result.Output, "kube_replicaset_created");
        Assert.IsEmpty(Directory.GetFileSystemEntries(workspace));
    }

    [TestMethod]
    [DataRow(new[] { "init", "--kind", "docker" }, "--kind 'docker' is not one of kubernetes, vm")]
    [DataRow(new[] { "init" }, "Required option 'kind' is missing")]
    public async Task Init_BadKind_IsInvalidInput(string[] arguments, string message)
    {
        var workspace = Workspace();

        var result = await DeployVerifierProcess.RunAsync(arguments, workingDirectory: workspace);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Error, message);
        Assert.IsEmpty(Directory.GetFileSystemEntries(workspace));
    }

    [TestMethod]
    public async Task Help_ListsInit()
    {
        var result = await DeployVerifierProcess.RunAsync(["init", "--help"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "--kind");
        StringAssert.Contains(result.Output, "--out");
    }
}
