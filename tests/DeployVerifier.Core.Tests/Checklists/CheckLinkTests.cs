using DeployVerifier.Plans;

namespace DeployVerifier.Checklists;

/// <summary>A check's <c>runbook</c> and <c>dashboard</c>: validated where they are written, rendered with the run's variables.</summary>
[TestClass]
public sealed class CheckLinkTests
{
    private const string Vars = "vars:\n  namespace: shop\n";

    [TestMethod]
    public void Load_RunbookAndDashboard_AreKept_AndRenderedWithTheVariablesEscaped()
    {
        var result = ChecklistLoader.Load(Vars + """
            checks:
              - name: memory
                query: q
                max: 1
                runbook: https://wiki.example.org/runbooks/memory
                dashboard: https://grafana.example.org/d/abc?var-namespace=${namespace}&var-release=${release}
            """, "c.yml");
        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));

        var plan = VerificationPlanner.Create(result, new PlanRequest(new Dictionary<string, string> { ["namespace"] = "shop&x=1" }));
        Assert.IsEmpty(plan.Errors, string.Join("\n", plan.Errors));
        var links = plan.Plan!.Links("checkout-5f6d");

        Assert.AreEqual(new Uri("https://wiki.example.org/runbooks/memory"), links["memory"].Runbook);
        Assert.AreEqual("https://grafana.example.org/d/abc?var-namespace=shop%26x%3D1&var-release=checkout-5f6d", links["memory"].Dashboard!.AbsoluteUri);
    }

    [TestMethod]
    public void Links_ChecksWithoutEither_AreLeftOut()
    {
        var result = ChecklistLoader.Load("checks:\n  - {name: a, query: q, max: 1}\n", "c.yml");

        var plan = VerificationPlanner.Create(result, new PlanRequest(new Dictionary<string, string>()));

        Assert.IsEmpty(plan.Plan!.Links(null));
    }

    [TestMethod]
    [DataRow("runbook: wiki/memory", "checks[0].runbook: 'wiki/memory' is not an absolute http or https URL", DisplayName = "relative")]
    [DataRow("dashboard: https://u:p@grafana/d/abc", "checks[0].dashboard:", DisplayName = "credentials")]
    [DataRow("runbook: https://wiki/${namespce}", "checks[0].runbook: ${namespce} is not a variable; declare it in vars; did you mean 'namespace'?",
        DisplayName = "undeclared variable")]
    public void Load_BadLink_IsALocatedError(string line, string expected)
    {
        var result = ChecklistLoader.Load(Vars + $"checks:\n  - name: a\n    query: q\n    max: 1\n    {line}\n", "c.yml");

        Assert.IsNull(result.Checklist);
        var error = result.Errors.FirstOrDefault(e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.IsNotNull(error, string.Join("\n", result.Errors));
        Assert.AreEqual(7, error.Location?.Line);
        Assert.DoesNotContain("u:p@", error.Message);
    }
}
