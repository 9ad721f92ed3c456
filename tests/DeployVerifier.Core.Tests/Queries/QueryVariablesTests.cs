using DeployVerifier.Checklists;
using DeployVerifier.Queries;

namespace DeployVerifier.Queries;

[TestClass]
public sealed class QueryVariablesTests
{
    private static readonly Dictionary<string, string?> Declared = new(StringComparer.Ordinal)
    {
        ["namespace"] = "default",
        ["workload"] = null,
    };

    private static readonly Dictionary<string, string> BuiltIns = new(StringComparer.Ordinal)
    {
        ["deployedAt"] = "2025-01-31T12:00:00Z",
        ["deployedAtUnix"] = "1738324800",
        ["soakDuration"] = "30m",
    };

    private static CheckDefinition Check(string query) => new()
    {
        Name = "c",
        Query = query,
        Location = new SourceLocation("checklist.yaml", 7, 5),
    };

    [TestMethod]
    public void Resolve_CliOverridesDefaults_AndBuiltInsAreIncluded()
    {
        var result = QueryVariables.Resolve(Declared, new Dictionary<string, string> { ["workload"] = "api", ["namespace"] = "prod" }, BuiltIns);

        Assert.IsEmpty(result.Errors);
        Assert.AreEqual("prod", result.Values["namespace"]);
        Assert.AreEqual("api", result.Values["workload"]);
        Assert.AreEqual("30m", result.Values["soakDuration"]);
    }

    [TestMethod]
    public void Resolve_UnknownCliVar_SuggestsNearest()
    {
        var result = QueryVariables.Resolve(Declared, new Dictionary<string, string> { ["workload"] = "a", ["namspace"] = "x" }, BuiltIns);

        var error = result.Errors.Single();
        Assert.AreEqual("--var namspace: the checklist declares no variable 'namspace' in vars; did you mean 'namespace'?", error.Message);
        Assert.IsNull(error.Location);
    }

    [TestMethod]
    public void Resolve_RequiredWithoutValue_IsAnError()
    {
        var result = QueryVariables.Resolve(Declared, new Dictionary<string, string>(), BuiltIns);

        Assert.AreEqual("vars.workload has no default; give it with --var workload=VALUE", result.Errors.Single().Message);
    }

    [TestMethod]
    public void Resolve_CliSetsBuiltIn_IsAnError()
    {
        var result = QueryVariables.Resolve(Declared, new Dictionary<string, string> { ["workload"] = "a", ["soakDuration"] = "1h" }, BuiltIns);

        StringAssert.Contains(result.Errors.Single().Message, "is built in");
        Assert.AreEqual("30m", result.Values["soakDuration"]);
    }

    [TestMethod]
    [DataRow("x{a=\"${nope}\"}", "check 'c' query: '${nope}' is neither declared in vars nor built in")]
    [DataRow("x[${namespace}]", "check 'c' query: '${namespace}' stands outside a string literal")]
    [DataRow("x{a=`${workload}`}", "check 'c' query: the value of '${workload}' contains a backtick")]
    public void Resolve_BadPlaceholderInCheck_IsAnErrorAtTheCheck(string query, string message)
    {
        var result = QueryVariables.Resolve(Declared, new Dictionary<string, string> { ["workload"] = "a`b" }, BuiltIns, [Check(query)]);

        var error = result.Errors.Single();
        StringAssert.StartsWith(error.Message, message);
        Assert.AreEqual(new SourceLocation("checklist.yaml", 7, 5), error.Location);
    }

    [TestMethod]
    public void Resolve_GoodChecks_RenderWithTheValues()
    {
        var check = Check("x{ns=\"${namespace}\",pod=~\"${workload}-.*\"}[${soakDuration}] @ ${deployedAtUnix}");

        var result = QueryVariables.Resolve(Declared, new Dictionary<string, string> { ["workload"] = "api.v2" }, BuiltIns, [check]);

        Assert.IsEmpty(result.Errors);
        Assert.AreEqual("x{ns=\"default\",pod=~\"api\\\\.v2-.*\"}[30m] @ 1738324800", QueryTemplate.Render(check.Query, result.Values));
    }
}
