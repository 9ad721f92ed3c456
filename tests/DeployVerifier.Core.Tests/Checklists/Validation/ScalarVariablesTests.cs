using static DeployVerifier.Checklists.ChecklistText;

namespace DeployVerifier.Checklists.Validation;

/// <summary>
/// A field written <c>${name}</c>: read with the field's own rules after substitution, its value from <c>--var</c> or the
/// default in <c>vars</c>, an error located at the <c>--var</c> or at the default, and a missing value named with its field.
/// </summary>
[TestClass]
public sealed class ScalarVariablesTests
{
    private static string Yaml(string @default, string field = "max: ${max_err}") => $$"""
        vars:
          max_err: {{@default}}
        checks:
          - name: errors
            query: sum(rate(errors_total[1m]))
            {{field}}
        """;

    private static ChecklistLoadResult Load(string yaml, params string[] vars) =>
        ChecklistLoader.Load(yaml, FileName, vars.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1]));

    [TestMethod]
    [DataRow("2%", new string[0], 0.02)]
    [DataRow("~", new[] { "max_err=2%" }, 0.02)]
    [DataRow("1%", new[] { "max_err=5%" }, 0.05)]
    [DataRow("'0.5'", new string[0], 0.5)]
    public void Load_ThresholdFromAVariable_TakesTheVarElseTheDefault(string @default, string[] vars, double max)
    {
        var result = Load(Yaml(@default), vars);

        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));
        Assert.AreEqual(max, result.Checklist!.Checks.Single().Threshold.Max!.Value, 1e-12);
    }

    [TestMethod]
    public void Load_BadValueFromTheVar_IsLocatedAtTheVar()
    {
        var error = Load(Yaml("~"), "max_err=2 percent").Errors.Single();

        StringAssert.StartsWith(error.ToString(), "--var max_err=2 percent: checks[0].max (${max_err}): '2 percent' is not a quantity");
        Assert.IsNull(error.Location, "no place in the file, so no CI annotation on one");
    }

    [TestMethod]
    public void Load_BadDefault_IsLocatedAtTheDefaultAndNamesTheField()
    {
        var error = Load(Yaml("512m", "unit: bytes\n    max: ${max_err}")).Errors.Single();

        StringAssert.StartsWith(error.Message, "vars.max_err (the default of ${max_err}, as checks[0].max): '512m' is 0.512 bytes to Kubernetes");
        AssertAt(error, 2, 12);
    }

    [TestMethod]
    public void Load_RequiredVariableWithoutAValue_NamesTheVariableAndTheField()
    {
        var error = Load(Yaml("~")).Errors.Single();

        Assert.AreEqual("checks[0].max: ${max_err} has no value: vars.max_err is required; give it with --var max_err=VALUE (or a default in vars)", error.Message);
        AssertAt(error, 6, 10);
    }

    [TestMethod]
    public void Load_UndeclaredVariable_SuggestsTheNearest()
    {
        var error = Load(Yaml("1%", "max: ${max_errr}")).Errors.Single();

        StringAssert.StartsWith(error.Message, "checks[0].max: ${max_errr} is not declared in vars;");
        StringAssert.EndsWith(error.Message, "did you mean 'max_err'?");
    }

    [TestMethod]
    public void Load_BuiltInVariable_IsRefusedOutsideQueries()
    {
        var error = Load(Yaml("1%", "max: ${release}")).Errors.Single();

        StringAssert.StartsWith(error.Message, "checks[0].max: ${release} is built in and has a value only inside queries");
    }

    [TestMethod]
    public void Load_VariableInsideOtherText_IsRefused()
    {
        var error = Load(Yaml("2", "max: ${max_err}%")).Errors.Single();

        StringAssert.Contains(error.Message, "here a variable must be the whole value");
        AssertAt(error, 6, 10);
    }

    [TestMethod]
    public void Load_OtherScalars_TakeVariablesWithTheirOwnRules()
    {
        var yaml = """
            vars:
              tolerance: 3
              warm: 2m
              per: "true"
              severity: warn
            checks:
              - name: errors
                query: sum(rate(errors_total[1m]))
                max: 1
                tolerance: ${tolerance}
                warmUp: ${warm}
                perSeries: ${per}
                severity: ${severity}
            """;

        var check = Load(yaml).Checklist!.Checks.Single();

        Assert.AreEqual(3, check.Tolerance);
        Assert.AreEqual(TimeSpan.FromMinutes(2), check.WarmUp);
        Assert.IsTrue(check.PerSeries);
        Assert.AreEqual(CheckSeverity.Warn, check.Severity);
    }

    [TestMethod]
    public void Load_DurationFromAVarOutOfRange_IsLocatedAtTheVar()
    {
        var error = Load(Yaml("~", "max: 1\n    warmUp: ${max_err}"), "max_err=ninety").Errors.Single();

        Assert.AreEqual("--var max_err=ninety: checks[0].warmUp (${max_err}): 'ninety' is not a duration; use Prometheus syntax such as 90s, 30m or 1h30m", error.ToString());
    }

    [TestMethod]
    public void Load_ValueOutOfTheFieldsBoundsFromAVar_IsLocatedAtTheVar()
    {
        var yaml = ReleaseSection + """

            vars:
              cap: ~
            checks:
              - name: cpu
                type: redundancy
                query: rate(cpu_seconds_total[2m])
                redundancy:
                  capacity: ${cap}
            """;

        var error = Load(yaml, "cap=0m").Errors.Single();

        Assert.AreEqual("--var cap=0m: checks[0].redundancy.capacity (${cap}): '0m' must be above 0", error.ToString());
    }

    [TestMethod]
    public void Load_CapacityInMillicoresFromAVar_IsReadAsCpu()
    {
        var yaml = ReleaseSection + """

            vars:
              cap: 250m
            checks:
              - name: cpu
                type: redundancy
                query: rate(cpu_seconds_total[2m])
                redundancy:
                  capacity: ${cap}
            """;

        Assert.AreEqual(0.25, Load(yaml).Checklist!.Checks.Single().Redundancy!.Capacity!.Value, 1e-12);
    }
}
