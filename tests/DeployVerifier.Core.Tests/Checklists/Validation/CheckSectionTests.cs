using DeployVerifier.Quantities;
using static DeployVerifier.Checklists.ChecklistText;

namespace DeployVerifier.Checklists.Validation;

/// <summary>A check as CheckValidator (with its parts, trend and redundancy) reads it: kinds, units, budgets, severities, placeholders.</summary>
[TestClass]
public sealed class CheckSectionTests
{
    [TestMethod]
    public void Load_Trend_DefaultsApplied()
    {
        var check = LoadValid("""
            checks:
              - name: memory
                type: trend
                query: m
                trend: {limitQuery: limits}
            """).Checks.Single();

        Assert.AreEqual(new TrendSettings(null, "limits", ChecklistDefaults.TrendHorizon, ChecklistDefaults.TrendWindow,
            ChecklistDefaults.TrendFloorWindow, ChecklistDefaults.TrendResolution), check.Trend);
        Assert.AreEqual(QuantityUnit.Number, check.Unit);
    }

    [TestMethod]
    [DataRow("", CheckSeverity.Fail)]
    [DataRow("severity: fail", CheckSeverity.Fail)]
    [DataRow("severity: warn", CheckSeverity.Warn)]
    public void Load_Severity_DefaultsToFail(string line, CheckSeverity expected)
    {
        var check = LoadValid(Minimal + "\n    " + line).Checks.Single();

        Assert.AreEqual(expected, check.Severity);
    }

    [TestMethod]
    public void Load_UnknownSeverity_IsALocatedError()
    {
        var error = SingleError(Minimal + "\n    severity: warning");

        StringAssert.Contains(error.Message, "checks[0].severity");
        StringAssert.Contains(error.Message, "warn");
        AssertAt(error, 5, 15);
    }

    [TestMethod]
    public void Load_Redundancy_DefaultsApplied()
    {
        var check = LoadValid("""
            checks:
              - name: cpu-redundancy
                type: redundancy
                query: cpu
                redundancy: {capacityQuery: limits}
            """).Checks.Single();

        Assert.AreEqual(CheckKind.Redundancy, check.Kind);
        Assert.AreEqual(new RedundancySettings(null, "limits", 1, 0.9, TimeSpan.FromMinutes(3)), check.Redundancy);
        Assert.AreEqual(new Threshold(null, 0.9), check.Threshold);
        Assert.AreEqual(QuantityUnit.Ratio, check.Unit);
        Assert.IsTrue(check.ReleaseSeriesOnly);
        Assert.IsFalse(check.PerSeries);
        Assert.AreEqual(FailureBudget.Default, check.Budget);
    }

    [TestMethod]
    public void Load_RedundancyGiven_MapsEveryKey()
    {
        var check = LoadValid("""
            checks:
              - name: cpu-redundancy
                type: redundancy
                query: cpu
                redundancy: {capacity: 2, spare: 2, maxUtilization: 80%, warmUp: 5m}
            """).Checks.Single();

        Assert.AreEqual(new RedundancySettings(2, null, 2, 0.8, TimeSpan.FromMinutes(5)), check.Redundancy);
    }

    [TestMethod]
    [DataRow("type: redundancy", "needs redundancy.capacity or redundancy.capacityQuery")]
    [DataRow("type: redundancy\n    redundancy: {capacity: 1, capacityQuery: limits}", "give capacity or capacityQuery, not both")]
    [DataRow("type: redundancy\n    redundancy: {capacity: 1, spare: 0}", "redundancy.spare")]
    [DataRow("type: redundancy\n    redundancy: {capacity: 1}\n    max: 1", "min and max are not used by a redundancy check")]
    [DataRow("type: redundancy\n    redundancy: {capacity: 1}\n    perSeries: true", "judges the whole fleet at once")]
    [DataRow("type: redundancy\n    redundancy: {capacity: 1, spares: 1}", "unknown key 'spares'")]
    [DataRow("redundancy: {capacity: 1}\n    max: 1", "redundancy settings need 'type: redundancy'")]
    public void Load_RedundancyMisused_IsAnError(string lines, string message)
    {
        var errors = Errors("""
            checks:
              - name: cpu-redundancy
                query: cpu
            """ + "\n    " + lines);

        Assert.IsTrue(errors.Any(e => e.Message.Contains(message, StringComparison.Ordinal)), string.Join(Environment.NewLine, errors));
    }

    [TestMethod]
    public void Load_ThresholdWithoutBudget_HasTheDefaultBudgetAndNoFailureLimit()
    {
        var check = LoadValid(Minimal).Checks.Single();

        Assert.AreEqual(new FailureBudget(ChecklistDefaults.BudgetMaxFailingShare, ChecklistDefaults.BudgetMinEvaluations), check.Budget);
        Assert.AreEqual(0.5, check.Budget!.MaxFailingShare);
        Assert.AreEqual(10, check.Budget.MinEvaluations);
        Assert.IsNull(check.FailureLimit);
    }

    [TestMethod]
    [DataRow("budget: {maxFailingShare: 25%, minEvaluations: 4}", 0.25, 4)]
    [DataRow("budget: {maxFailingShare: 0.2}", 0.2, 10)]
    [DataRow("budget: {minEvaluations: 20}", 0.5, 20)]
    [DataRow("budget: {maxFailingShare: 100%}", 1.0, 10)]
    public void Load_Budget_MapsItsKeysWithDefaults(string budget, double share, int minEvaluations)
    {
        var check = LoadValid(Minimal + "\n    " + budget + "\n    failureLimit: 3").Checks.Single();

        Assert.AreEqual(share, check.Budget!.MaxFailingShare, 1e-12);
        Assert.AreEqual(minEvaluations, check.Budget.MinEvaluations);
        Assert.AreEqual(3, check.FailureLimit);
    }

    [TestMethod]
    public void Load_Trend_HasNoBudgetUnlessGiven()
    {
        const string Trend = """
            checks:
              - name: memory
                type: trend
                query: m
                trend: {limit: 1GiB}
            """;

        Assert.IsNull(LoadValid(Trend).Checks.Single().Budget);
        Assert.AreEqual(new FailureBudget(0.3, 10), LoadValid(Trend + "\n    budget: {maxFailingShare: 30%}").Checks.Single().Budget);
    }

    [TestMethod]
    public void Load_BaselineWithoutWindow_UsesDefaultWindow()
    {
        var check = LoadValid(Minimal + "\n    baseline: {maxFactor: 1.5}").Checks.Single();

        Assert.AreEqual(new BaselineSettings(ChecklistDefaults.BaselineWindow, 1.5, null), check.Baseline);
    }

    [TestMethod]
    [DataRow("1", "    min: 5", "checks[0].min: 5 is greater than max (1)", 5, 10)]
    [DataRow("1", "    max2: 1", "unknown key 'max2' in checks[0]; did you mean 'max'?", 5, 5)]
    [DataRow("1", "    unit: percent", "checks[0].unit: 'percent' is not one of number, ratio, bytes, seconds", 5, 11)]
    [DataRow("1", "    type: trends", "checks[0].type: 'trends' is not one of threshold, trend, redundancy; did you mean 'trend'?", 5, 11)]
    [DataRow("1", "    noData: ignore", "checks[0].noData: 'ignore' is not one of inconclusive, fail, pass", 5, 13)]
    [DataRow("1", "    tolerance: -1", "checks[0].tolerance: -1 is negative; give 0 or more", 5, 16)]
    [DataRow("1", "    tolerance: 1.5", "checks[0].tolerance: '1.5' is not a whole number", 5, 16)]
    [DataRow("1", "    perSeries: yes", "checks[0].perSeries: 'yes' is not true or false", 5, 16)]
    [DataRow("1", "    warmUp: 2 minutes", "checks[0].warmUp: '2 minutes' is not a duration", 5, 13)]
    [DataRow("1%", "    unit: bytes", "checks[0]: '1%' is in ratio but the check's unit is bytes", 4, 10)]
    [DataRow("1", "    evidence: {minSamples: 0}", "checks[0].evidence.minSamples: 0 must be at least 1", 5, 28)]
    [DataRow("1", "    evidence: {query: q}", "checks[0].evidence: query and min go together", 5, 23)]
    [DataRow("1", "    baseline: {window: 1h}", "checks[0].baseline: needs maxFactor, maxIncrease or both", 5, 15)]
    [DataRow("1", "    baseline: {maxFactor: 2x}", "checks[0].baseline.maxFactor: '2x' is not a quantity", 5, 27)]
    [DataRow("1", "    baseline: {maxFactor: 0}", "checks[0].baseline.maxFactor: '0' must be a plain number above 0", 5, 27)]
    [DataRow("1", "    baseline: {maxIncrease: -1}", "checks[0].baseline.maxIncrease: '-1' is negative", 5, 29)]
    [DataRow("1%", "    baseline: {maxIncrease: 1MiB}", "checks[0]: '1MiB' is in bytes", 5, 29)]
    [DataRow("1", "    trend: {limit: 1}", "checks[0].trend: trend settings need 'type: trend'", 5, 12)]
    [DataRow("1", "    budget: {maxFailingShare: 150%}", "checks[0].budget.maxFailingShare: '150%' is not a share; give 0% to 100%", 5, 31)]
    [DataRow("1", "    budget: {maxFailingShare: 2}", "checks[0].budget.maxFailingShare: '2' is not a share", 5, 31)]
    [DataRow("1", "    budget: {maxFailingShare: 5s}", "checks[0].budget.maxFailingShare: '5s' is not a share", 5, 31)]
    [DataRow("1", "    budget: {maxFailingShare: half}", "checks[0].budget.maxFailingShare: 'half' is not a quantity", 5, 31)]
    [DataRow("1", "    budget: {minEvaluations: 0}", "checks[0].budget.minEvaluations: 0 must be at least 1", 5, 30)]
    [DataRow("1", "    budget: {maxFailingShar: 10%}", "unknown key 'maxFailingShar' in checks[0].budget; did you mean 'maxFailingShare'?", 5, 14)]
    [DataRow("1", "    budget: 50%", "checks[0].budget: expected a mapping of keys to values", 5, 13)]
    [DataRow("1", "    failureLimit: -1", "checks[0].failureLimit: -1 is negative; give 0 or more", 5, 19)]
    [DataRow("1", "    failureLimit: few", "checks[0].failureLimit: 'few' is not a whole number", 5, 19)]
    public void Load_BadCheckValue_ReportsErrorAtValue(string max, string extra, string message, int line, int column)
    {
        var error = SingleError(Minimal.Replace("max: 1", "max: " + max, StringComparison.Ordinal) + "\n" + extra);

        StringAssert.StartsWith(error.Message, message);
        AssertAt(error, line, column);
    }

    [TestMethod]
    public void Load_MixedUnitsBetweenMinAndMax_IsAnError()
    {
        var error = SingleError(Minimal.Replace("max: 1", "min: 1%\n    max: 512MiB", StringComparison.Ordinal));

        Assert.AreEqual("checks[0]: '512MiB' is in bytes but '1%' is in ratio; a check's values have one unit", error.Message);
        AssertAt(error, 5, 10);
    }

    [TestMethod]
    public void Load_ExplicitUnitAgreeingWithQuantity_IsAccepted()
    {
        var check = LoadValid(Minimal.Replace("max: 1", "max: 250ms\n    unit: seconds", StringComparison.Ordinal)).Checks.Single();

        Assert.AreEqual(QuantityUnit.Seconds, check.Unit);
        Assert.AreEqual(0.25, check.Threshold.Max!.Value, 1e-12);
    }

    [TestMethod]
    public void Load_BadQuantity_NamesKnownSuffixes()
    {
        var error = SingleError(Minimal.Replace("max: 1", "max: 512 MB/s", StringComparison.Ordinal));

        Assert.AreEqual($"checks[0].max: '512 MB/s' is not a quantity; use a number with one of {Quantity.KnownSuffixes}, or none", error.Message);
        AssertAt(error, 4, 10);
    }

    [TestMethod]
    [DataRow("checks:\n  - query: q\n    max: 1", "checks[0]: name is required", 2, 5)]
    [DataRow("checks:\n  - name: a\n    max: 1", "checks[0]: query is required", 2, 5)]
    [DataRow("checks:\n  - name: a\n    query: q", "checks[0]: a threshold check needs min, max or both", 2, 5)]
    [DataRow("checks:\n  - name: a\n    query: q\n    type: trend", "checks[0]: a trend check needs trend.limit or trend.limitQuery", 4, 11)]
    [DataRow("checks:\n  - name: a\n    query: q\n    type: trend\n    trend: {horizon: 1h}", "checks[0].trend: needs limit or limitQuery", 5, 12)]
    [DataRow("checks:\n  - name: a\n    query: q\n    type: trend\n    trend: {limit: 1, limitQuery: l}", "checks[0].trend: give limit or limitQuery, not both", 5, 35)]
    [DataRow("checks:\n  - name: a\n    query: q\n    type: trend\n    max: 1\n    trend: {limit: 1}", "checks[0]: min and max are not used by a trend check", 5, 10)]
    [DataRow("checks:\n  - name: a\n    query: q\n    type: trend\n    trend: {limit: 1, window: 1m, resolution: 1m}", "checks[0].trend.resolution: 1m is not shorter than trend.window (1m)", 5, 47)]
    [DataRow("checks:\n  - name: a\n    query: q\n    type: trend\n    trend: {limit: 1, fleet: {growsWithLoad: maybe}}", "checks[0].trend.fleet.growsWithLoad: 'maybe' is not true or false", 5, 46)]
    [DataRow("checks:\n  - name: a\n    query: q\n    type: trend\n    trend: {limit: 1, fleet: {downtime: soon}}", "checks[0].trend.fleet.downtime: 'soon'", 5, 41)]
    [DataRow("checks: []", "checks: a checklist needs at least one check", 1, 9)]
    [DataRow("soak: {duration: 1h}", "checks: a checklist needs at least one check", 1, 1)]
    [DataRow("checks:\n  - just a string", "checks[0]: expected a check", 2, 5)]
    [DataRow("checks: {name: a}", "checks: expected a list, found a mapping", 1, 9)]
    public void Load_MissingOrMalformedCheck_IsAnError(string yaml, string message, int line, int column)
    {
        var errors = Errors(yaml);

        var error = errors.FirstOrDefault(e => e.Message.StartsWith(message, StringComparison.Ordinal));
        Assert.IsNotNull(error, string.Join(Environment.NewLine, errors));
        AssertAt(error, line, column);
    }

    [TestMethod]
    public void Load_DuplicateCheckName_IsAnError()
    {
        var error = SingleError(Minimal + "\n  - name: Errors\n    query: q\n    max: 2");

        StringAssert.StartsWith(error.Message, "checks[1].name: 'Errors' is already the name of the check at line 2");
        AssertAt(error, 5, 11);
    }

    [TestMethod]
    [DataRow("query: x{a=\"${nmespace}\"}", "checks[0].query: '${nmespace}' is neither declared in vars nor built in", "did you mean 'namespace'?")]
    [DataRow("query: x{a=\"${namespace}\"}[${namespace}]", "checks[0].query: '${namespace}' stands outside a string literal", "")]
    [DataRow("query: x @ ${deployedAt}", "checks[0].query: '${deployedAt}' stands outside a string literal", "")]
    public void Load_BadPlaceholder_IsAnError(string query, string message, string hint)
    {
        var yaml = "vars: {namespace: default}\nchecks:\n  - name: a\n    max: 1\n    " + query;

        var error = SingleError(yaml);

        StringAssert.StartsWith(error.Message, message);
        StringAssert.Contains(error.Message, hint);
        AssertAt(error, 5, 12);
    }

    [TestMethod]
    public void Load_PlaceholdersInEvidenceAndLimitQuery_AreChecked()
    {
        var errors = Errors("""
            checks:
              - name: a
                type: trend
                query: m
                evidence: {query: 'x{a="${one}"}', min: 1}
                trend: {limitQuery: 'y{a="${two}"}'}
            """);

        Assert.HasCount(2, errors);
        StringAssert.StartsWith(errors[0].Message, "checks[0].evidence.query: '${one}'");
        StringAssert.StartsWith(errors[1].Message, "checks[0].trend.limitQuery: '${two}'");
    }

    [TestMethod]
    public void Load_BuiltInsOutsideLiterals_AreAccepted()
    {
        var check = LoadValid("""
            checks:
              - name: a
                query: increase(x[${soakDuration}] @ ${deployedAtUnix}) and on() vector(1) # ${anything}
                max: 1
            """).Checks.Single();

        StringAssert.Contains(check.Query, "${soakDuration}");
    }
}
