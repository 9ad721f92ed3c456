using System.Text.Json.Nodes;
using DeployVerifier.Checklists;
using DeployVerifier.Quantities;

namespace DeployVerifier.Checklists;

[TestClass]
public sealed class ChecklistLoaderTests
{
    private const string File = "checklist.yaml";

    private const string Minimal = """
        checks:
          - name: errors
            query: sum(rate(errors_total[1m]))
            max: 1
        """;

    private static Checklist LoadValid(string yaml)
    {
        var result = ChecklistLoader.Load(yaml, File);
        Assert.AreEqual(0, result.Errors.Count, string.Join(Environment.NewLine, result.Errors));
        Assert.IsNotNull(result.Checklist);
        return result.Checklist;
    }

    private static IReadOnlyList<ChecklistError> Errors(string yaml)
    {
        var result = ChecklistLoader.Load(yaml, File);
        Assert.IsNull(result.Checklist);
        Assert.IsNotEmpty(result.Errors);
        return result.Errors;
    }

    private static ChecklistError SingleError(string yaml)
    {
        var errors = Errors(yaml);
        Assert.HasCount(1, errors, string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    private static void AssertAt(ChecklistError error, int line, int column)
    {
        Assert.AreEqual(new SourceLocation(File, line, column), error.Location, error.ToString());
    }

    [TestMethod]
    public void Load_ErrorsElsewhere_StillTellsWhichVariablesAreDeclared()
    {
        var result = ChecklistLoader.Load("""
            vars: {namespace: ~, workload: checkout}
            checks:
              - name: broken
                query: up
                max: 5 pods
            """, File);

        Assert.IsNull(result.Checklist);
        CollectionAssert.AreEquivalent(new[] { "namespace", "workload" }, result.DeclaredVars!.ToArray());
    }

    [TestMethod]
    public void Load_Minimal_AppliesDefaults()
    {
        var checklist = LoadValid(Minimal);

        Assert.IsNull(checklist.Prometheus.Url);
        Assert.AreEqual(ChecklistDefaults.RequestTimeout, checklist.Prometheus.Timeout);
        Assert.IsEmpty(checklist.Prometheus.Headers);
        Assert.AreEqual(new SoakSettings(
            ChecklistDefaults.SoakDuration, ChecklistDefaults.SoakInterval, ChecklistDefaults.SoakWarmUp,
            ChecklistDefaults.IngestionLag, ChecklistDefaults.MaxConsecutiveErrors), checklist.Soak);
        Assert.IsEmpty(checklist.Vars);
        Assert.AreSame(RollbackSettings.None, checklist.Rollback);
        var check = checklist.Checks.Single();
        Assert.AreEqual("errors", check.Name);
        Assert.AreEqual(CheckKind.Threshold, check.Kind);
        Assert.AreEqual(new Threshold(null, 1), check.Threshold);
        Assert.AreEqual(QuantityUnit.Number, check.Unit);
        Assert.AreEqual(ChecklistDefaults.Tolerance, check.Tolerance);
        Assert.AreEqual(NoDataPolicy.Inconclusive, check.NoData);
        Assert.AreSame(EvidenceSettings.Default, check.Evidence);
        Assert.IsFalse(check.PerSeries);
        Assert.IsFalse(check.ReleaseSeriesOnly);
        Assert.AreEqual(TimeSpan.Zero, check.WarmUp);
        Assert.IsNull(check.Baseline);
        Assert.IsNull(check.Trend);
        Assert.AreEqual(new SourceLocation(File, 2, 5), check.Location);
    }

    [TestMethod]
    public void Load_FullChecklist_MapsEveryKey()
    {
        var checklist = LoadValid("""
            # yaml-language-server: $schema=../schemas/checklist.schema.json
            prometheus:
              url: http://127.0.0.1:9090
              headers: {X-Scope-OrgID: team-a}
              headersFromEnv: {X-Api-Key: API_KEY}
              bearerTokenEnv: PROM_TOKEN
              timeout: 10s
              caFile: /etc/ssl/internal-ca.pem
            soak: {duration: 1h, interval: 1m, warmUp: 2m, ingestionLag: 15s, maxConsecutiveErrors: 5}
            vars:
              namespace: default
              workload: ~
            checks:
              - name: error-ratio
                query: sum(rate(x{namespace="${namespace}",pod=~"${workload}-.*"}[2m]))
                min: 0
                max: 1%
                tolerance: 3
                noData: pass
                perSeries: true
                warmUp: 2m
                minSeriesAge: 5m
                evidence: {minSamples: 2, query: "sum(increase(x[2m]))", min: 100}
                baseline: {window: 2h, maxFactor: 2, maxIncrease: 0.5%}
              - name: memory
                type: trend
                query: container_memory_working_set_bytes
                releaseSeriesOnly: false
                trend: {limit: 1GiB, horizon: 12h, window: 20m, floorWindow: 4m, resolution: 30s, fleet: {growsWithLoad: false, downtime: 10m}}
            rollback:
              command: {program: ./rollback.sh, args: [--to, previous, 3], timeout: 2m, workingDirectory: deploy, passEnv: [GH_TOKEN, AWS_PROFILE]}
              webhook:
                url: https://hooks.example.com/x
                method: put
                headers: {X-Team: a}
                headersFromEnv: {Authorization: ROLLBACK_AUTH}
                body: {text: "${verdict}", quoted: "42", count: 42, ratio: 0.5, flag: true, none: ~, list: [a, 1], nested: {k: v}}
                timeout: 10s
            """);

        var p = checklist.Prometheus;
        Assert.AreEqual(new Uri("http://127.0.0.1:9090"), p.Url);
        Assert.AreEqual("team-a", p.Headers["X-Scope-OrgID"]);
        Assert.AreEqual("API_KEY", p.HeadersFromEnv["x-api-key"]);
        Assert.AreEqual("PROM_TOKEN", p.BearerTokenEnv);
        Assert.AreEqual(TimeSpan.FromSeconds(10), p.Timeout);
        Assert.AreEqual("/etc/ssl/internal-ca.pem", p.CaFile);
        Assert.AreEqual(new SoakSettings(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(15), 5), checklist.Soak);
        Assert.AreEqual("default", checklist.Vars["namespace"]);
        Assert.IsNull(checklist.Vars["workload"]);

        var ratio = checklist.Checks[0];
        Assert.AreEqual(new Threshold(0, 0.01), ratio.Threshold);
        Assert.AreEqual(QuantityUnit.Ratio, ratio.Unit);
        Assert.AreEqual(3, ratio.Tolerance);
        Assert.AreEqual(NoDataPolicy.Pass, ratio.NoData);
        Assert.IsTrue(ratio.PerSeries);
        Assert.IsTrue(ratio.ReleaseSeriesOnly, "releaseSeriesOnly defaults to perSeries");
        Assert.AreEqual(TimeSpan.FromMinutes(5), ratio.MinSeriesAge);
        Assert.AreEqual(new EvidenceSettings(2, "sum(increase(x[2m]))", 100), ratio.Evidence);
        Assert.AreEqual(TimeSpan.FromHours(2), ratio.Baseline!.Window);
        Assert.AreEqual(2, ratio.Baseline.MaxFactor);
        Assert.AreEqual(0.005, ratio.Baseline.MaxIncrease!.Value, 1e-12);

        var memory = checklist.Checks[1];
        Assert.AreEqual(CheckKind.Trend, memory.Kind);
        Assert.AreEqual(QuantityUnit.Bytes, memory.Unit);
        Assert.AreEqual(new TrendSettings(1024d * 1024 * 1024, null, TimeSpan.FromHours(12), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(30))
        {
            Fleet = new FleetForecastSettings(false, TimeSpan.FromMinutes(10)),
        }, memory.Trend);
        Assert.AreEqual(new SourceLocation(File, 25, 5), memory.Location);

        var command = checklist.Rollback.Command!;
        Assert.AreEqual("./rollback.sh", command.Program);
        CollectionAssert.AreEqual(new[] { "--to", "previous", "3" }, command.Args.ToArray());
        Assert.AreEqual(TimeSpan.FromMinutes(2), command.Timeout);
        Assert.AreEqual("deploy", command.WorkingDirectory);
        CollectionAssert.AreEqual(new[] { "GH_TOKEN", "AWS_PROFILE" }, command.PassEnv.ToArray());
        var webhook = checklist.Rollback.Webhook!;
        Assert.AreEqual("PUT", webhook.Method);
        Assert.AreEqual("ROLLBACK_AUTH", webhook.HeadersFromEnv["Authorization"]);
        Assert.AreEqual(
            """{"text":"${verdict}","quoted":"42","count":42,"ratio":0.5,"flag":true,"none":null,"list":["a",1],"nested":{"k":"v"}}""",
            webhook.Body!.ToJsonString());
        Assert.AreEqual(TimeSpan.FromSeconds(10), webhook.Timeout);
    }

    [TestMethod]
    public void Load_CiRollbacks_Mapped()
    {
        var rollback = LoadValid("""
            rollback:
              githubWorkflow: {workflow: rollback.yml, ref: main, inputs: {reason: "${reason}", count: 3}, repository: octo/shop}
              azurePipeline:
                organizationUrl: https://dev.azure.com/contoso/
                project: Shop
                pipelineId: 42
                branch: main
                templateParameters: {verdict: "${verdict}"}
            checks:
              - {name: errors, query: q, max: 1}
            """).Rollback;

        Assert.IsTrue(rollback.IsConfigured);
        Assert.AreEqual(new RollbackGithubWorkflow("rollback.yml", "main", rollback.GithubWorkflow!.Inputs, "octo/shop"), rollback.GithubWorkflow);
        Assert.AreEqual("${reason}", rollback.GithubWorkflow.Inputs["reason"]);
        Assert.AreEqual("3", rollback.GithubWorkflow.Inputs["count"]);
        var pipeline = rollback.AzurePipeline!;
        Assert.AreEqual(new Uri("https://dev.azure.com/contoso/"), pipeline.OrganizationUrl);
        Assert.AreEqual("Shop", pipeline.Project);
        Assert.AreEqual(42, pipeline.PipelineId);
        Assert.AreEqual("refs/heads/main", pipeline.Branch);
        Assert.AreEqual("${verdict}", pipeline.TemplateParameters["verdict"]);
    }

    private const string ReleaseSection = """
        release:
          releases: kube_replicaset_created
          label: replicaset
          instances: kube_pod_owner{owner_name="${release}"}
          instanceLabel: pod
        """;

    [TestMethod]
    public void Load_KubernetesRollback_Mapped()
    {
        var rollback = LoadValid(ReleaseSection + """

            rollback:
              kubernetes: {namespace: shop, deployment: checkout, serverEnv: K8S_SERVER, tokenEnv: K8S_TOKEN, caFile: /ca.pem, timeout: 1m}
            """ + "\n" + Minimal).Rollback;

        Assert.IsTrue(rollback.IsConfigured);
        Assert.AreEqual(new RollbackKubernetes("shop", "checkout", null, "K8S_SERVER", "K8S_TOKEN", "/ca.pem", TimeSpan.FromMinutes(1)), rollback.Kubernetes);
        Assert.AreEqual(new SourceLocation(File, 7, 15), rollback.Locations["kubernetes"]);
    }

    [TestMethod]
    public void Load_KubernetesRollbackWithoutReleaseSection_IsAnErrorAtTheRollback()
    {
        var error = SingleError("rollback:\n  kubernetes: {namespace: shop, deployment: checkout}\n" + Minimal);

        StringAssert.StartsWith(error.Message, "rollback.kubernetes: needs the release section");
        AssertAt(error, 2, 15);
    }

    [TestMethod]
    [DataRow("rollback: {kubernetes: {deployment: checkout}}", "rollback.kubernetes: namespace is required", 1, 24)]
    [DataRow("rollback: {kubernetes: {namespace: Shop, deployment: checkout}}", "rollback.kubernetes.namespace: 'Shop' is not a Kubernetes name", 1, 36)]
    [DataRow("rollback: {kubernetes: {namespace: shop, deployment: checkout, tokenEnv: T}}", "rollback.kubernetes: give serverEnv and tokenEnv together", 1, 74)]
    [DataRow("rollback: {kubernetes: {namespace: shop, deployment: checkout, serverEnv: S, tokenEnv: 'a b'}}", "rollback.kubernetes.tokenEnv: 'a b' is not an environment variable name", 1, 88)]
    [DataRow("rollback: {kubernetes: {namespace: shop, deployment: checkout, caFile: /ca.pem}}", "rollback.kubernetes.caFile: only with serverEnv and tokenEnv", 1, 72)]
    public void Load_BadKubernetesRollback_ReportsErrorAtValue(string section, string message, int line, int column)
    {
        var error = SingleError(ReleaseSection + "\n" + section + "\n" + Minimal);

        StringAssert.StartsWith(error.Message, message);
        AssertAt(error, line + 5, column);
    }

    [TestMethod]
    public void Load_ReleaseMatchOnFreshnessWaitFor_AreReadAndDefaulted()
    {
        var plain = LoadValid(ReleaseSection + "\n" + Minimal).Release!;
        var given = LoadValid(ReleaseSection + "\n  matchOn: [namespace, pod]\n  freshness: kube_replicaset_created{namespace=\"shop\"}\n  waitFor: 45s\n"
            + Minimal.Replace("max: 1", "max: 1\n    matchOn: [pod]", StringComparison.Ordinal));

        Assert.IsNull(plain.MatchOn);
        Assert.IsNull(plain.Freshness);
        Assert.AreEqual(ChecklistDefaults.ReleaseWaitFor, plain.WaitFor);
        CollectionAssert.AreEqual(new[] { "namespace", "pod" }, given.Release!.MatchOn!.ToArray());
        Assert.AreEqual("kube_replicaset_created{namespace=\"shop\"}", given.Release.Freshness);
        Assert.AreEqual(TimeSpan.FromSeconds(45), given.Release.WaitFor);
        CollectionAssert.AreEqual(new[] { "pod" }, given.Checks[0].MatchOn!.ToArray());
    }

    [TestMethod]
    [DataRow("  matchOn: []", "release.matchOn: must name at least one label", 6, 12)]
    [DataRow("  matchOn: [pod, 'a-b']", "release.matchOn[1]: expected a label name", 6, 18)]
    [DataRow("  matchOn: [pod, pod]", "release.matchOn[1]: 'pod' is listed twice", 6, 18)]
    [DataRow("  freshness: vector(1)", "release.freshness: is not a series selector", 6, 14)]
    [DataRow("  waitFor: 2h", "release.waitFor: 2h is out of range; it must be at most 1h", 6, 12)]
    public void Load_BadReleaseLiveKeys_ReportErrorAtValue(string line, string message, int row, int column)
    {
        var error = SingleError(ReleaseSection + "\n" + line + "\n" + Minimal);

        StringAssert.StartsWith(error.Message, message);
        AssertAt(error, row, column);
    }

    [TestMethod]
    public void Load_AlertmanagerMinFiring_DefaultsToFiveMinutes()
    {
        var plain = LoadValid("notify:\n  alertmanager: {urls: ['http://am:9093']}\n" + Minimal).Notify.Alertmanager!;
        var given = LoadValid("notify:\n  alertmanager: {urls: ['http://am:9093'], minFiring: 30s}\n" + Minimal).Notify.Alertmanager!;

        Assert.AreEqual(TimeSpan.FromMinutes(5), plain.MinFiring);
        Assert.AreEqual(TimeSpan.FromSeconds(30), given.MinFiring);
    }

    [TestMethod]
    [DataRow("severity")]
    [DataRow("stage")]
    [DataRow("dry_run")]
    public void Load_AlertLabelTheVerifierSets_IsAnErrorAtTheLabel(string label)
    {
        var error = SingleError($"notify:\n  alertmanager:\n    urls: ['http://am:9093']\n    labels: {{{label}: critical}}\n" + Minimal);

        StringAssert.StartsWith(error.Message, $"notify.alertmanager.labels.{label}: is set by the verifier on every alert");
        AssertAt(error, 4, 14);
    }

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
    [DataRow("", DisplayName = "empty")]
    [DataRow("# only a comment\n", DisplayName = "comment")]
    [DataRow("---\n", DisplayName = "empty document")]
    public void Load_Empty_ReportsEmpty(string yaml)
    {
        var error = SingleError(yaml);

        StringAssert.Contains(error.Message, "the checklist is empty");
        Assert.AreEqual(File, error.Location!.Value.File);
    }

    [TestMethod]
    public void Load_SyntaxError_ReportsPlace()
    {
        var error = SingleError("checks:\n  - name: a\n    query: [unclosed\n");

        StringAssert.StartsWith(error.Message, "YAML syntax error: ");
        Assert.AreEqual(4, error.Location!.Value.Line);
    }

    [TestMethod]
    public void Load_TopLevelList_IsRejected()
    {
        var error = SingleError("- a\n- b\n");

        StringAssert.Contains(error.Message, "not a list");
        AssertAt(error, 1, 1);
    }

    [TestMethod]
    public void Load_TwoDocuments_AreRejected()
    {
        var error = SingleError(Minimal + "\n---\nchecks: []\n");

        StringAssert.Contains(error.Message, "one YAML document");
        AssertAt(error, 5, 1);
    }

    [TestMethod]
    [DataRow("prometheus:\n  ulr: http://x\n" + Minimal, "ulr", "url", 2, 3)]
    [DataRow("soak:\n  intreval: 1m\n" + Minimal, "intreval", "interval", 2, 3)]
    [DataRow("Checks:\n  - name: a\n", "Checks", "checks", 1, 1)]
    [DataRow(Minimal + "\n    noDate: pass", "noDate", "noData", 5, 5)]
    [DataRow(Minimal + "\n    maxx: 1", "maxx", "max", 5, 5)]
    [DataRow(Minimal + "\n    trend: {limt: 1}\n    type: trend", "limt", "limit", 5, 13)]
    [DataRow(Minimal + "\n    trend: {limit: 1, fleet: {downtme: 1m}}\n    type: trend", "downtme", "downtime", 5, 31)]
    [DataRow(Minimal + "\n    evidence: {minSample: 1}", "minSample", "minSamples", 5, 16)]
    [DataRow("rollback:\n  comand: {program: x}\n" + Minimal, "comand", "command", 2, 3)]
    public void Load_UnknownKey_SuggestsNearest(string yaml, string key, string suggestion, int line, int column)
    {
        var error = Errors(yaml).First(e => e.Message.Contains("unknown key", StringComparison.Ordinal));

        StringAssert.Contains(error.Message, $"unknown key '{key}'");
        StringAssert.Contains(error.Message, $"did you mean '{suggestion}'?");
        AssertAt(error, line, column);
    }

    [TestMethod]
    public void Load_UnknownKeyFarFromAny_ListsKnownKeys()
    {
        var error = SingleError("soak:\n  banana: 1\n" + Minimal);

        StringAssert.Contains(error.Message, "known keys here are duration, interval");
    }

    [TestMethod]
    public void Load_DuplicateKey_IsAnError()
    {
        var error = SingleError(Minimal + "\n    max: 2");

        StringAssert.Contains(error.Message, "duplicate key 'max' (first at line 4)");
        AssertAt(error, 5, 5);
    }

    [TestMethod]
    public void Load_ManyErrors_ReportsAllAtOnce()
    {
        var errors = Errors("""
            prometheus:
              url: not a url
              timeout: 30 secs
            soak: {duration: 30 mins, interval: 30s}
            checks:
              - name: a
                query: q
                max: 512 MB/s
                tolerance: -1
                noData: maybe
                unknown: 1
              - query: q
                max: 1
            """);

        var places = errors.Select(e => (e.Location!.Value.Line, e.Location.Value.Column)).ToList();
        CollectionAssert.AreEquivalent(
            new[] { (11, 5), (2, 8), (3, 12), (4, 18), (8, 10), (9, 16), (10, 13), (12, 5) },
            places,
            string.Join(Environment.NewLine, errors));
    }

    [TestMethod]
    [DataRow("soak: {interval: 30 mins}", "soak.interval: '30 mins' is not a duration; use Prometheus syntax such as 90s, 30m or 1h30m", 1, 18)]
    [DataRow("soak: {duration: 0s}", "soak.duration: must be longer than zero", 1, 18)]
    [DataRow("soak: {duration: 1m, interval: 2m, warmUp: 0s}", "soak.interval: 2m is longer than soak.duration (1m)", 1, 32)]
    [DataRow("soak: {duration: 1m, warmUp: 1m}", "soak.warmUp: 1m is not shorter than soak.duration (1m)", 1, 30)]
    [DataRow("soak: {maxConsecutiveErrors: 0}", "soak.maxConsecutiveErrors: 0 must be at least 1", 1, 30)]
    [DataRow("soak: {maxConsecutiveErrors: many}", "soak.maxConsecutiveErrors: 'many' is not a whole number", 1, 30)]
    [DataRow("prometheus: {url: ftp://x}", "prometheus.url: 'ftp://x' is not an absolute http or https URL", 1, 19)]
    [DataRow("prometheus: {url: 'http://admin:hunter2@prom:9090'}", "prometheus.url: 'http://***@prom:9090' holds credentials (user:password@); put them in environment variables (prometheus.basicAuth)", 1, 19)]
    [DataRow("prometheus: {url: 'admin:hunter2@prom:9090'}", "prometheus.url: '***@prom:9090' is not an absolute http or https URL", 1, 19)]
    [DataRow("rollback: {webhook: {url: 'https://bot:hunter2@hooks.example/rollback'}}", "rollback.webhook.url: 'https://***@hooks.example/rollback' holds credentials (user:password@); put them in headersFromEnv", 1, 27)]
    [DataRow("prometheus: {timeout: 1.5s}", "prometheus.timeout: '1.5s' is not a duration", 1, 23)]
    [DataRow("prometheus: {headers: {Authorization: Bearer abc}}", "prometheus.headers.Authorization: a secret must not be written in the checklist; put secrets in headersFromEnv", 1, 24)]
    [DataRow("prometheus: {headers: {\"X Bad\": v}}", "prometheus.headers: 'X Bad' is not a valid header name", 1, 24)]
    [DataRow("prometheus: {headers: {X-Team: \"a\\r\\nX-Injected: b\"}}", "prometheus.headers.X-Team: the value holds a line break; a header value may hold only visible ASCII characters, spaces and tabs", 1, 32)]
    [DataRow("rollback: {webhook: {url: 'https://x', headers: {X-Team: \"a\\nb\"}}}", "rollback.webhook.headers.X-Team: the value holds a line break", 1, 58)]
    [DataRow("rollback: {webhook: {url: 'https://x', headers: {X-Team: \"a\\u0007b\"}}}", "rollback.webhook.headers.X-Team: the value holds a control character", 1, 58)]
    [DataRow("prometheus: {headersFromEnv: {X-Key: not-an-env}}", "prometheus.headersFromEnv.X-Key: 'not-an-env' is not an environment variable name", 1, 38)]
    [DataRow("prometheus: {basicAuth: {usernameEnv: U}}", "prometheus.basicAuth: needs both usernameEnv and passwordEnv", 1, 25)]
    [DataRow("prometheus: {bearerTokenEnv: T, basicAuth: {usernameEnv: U, passwordEnv: P}}", "prometheus: give bearerTokenEnv or basicAuth, not both", 1, 30)]
    [DataRow("prometheus: [a]", "prometheus: expected a mapping of keys to values, found a list", 1, 13)]
    [DataRow("vars: {deployedAt: x}", "vars: 'deployedAt' is built in", 1, 8)]
    [DataRow("vars: {bad-name: x}", "vars: 'bad-name' is not a variable name", 1, 8)]
    [DataRow("vars: {list: [a]}", "vars.list: expected a single value", 1, 14)]
    [DataRow("rollback: {command: {args: [x]}}", "rollback.command: program is required", 1, 21)]
    [DataRow("rollback: {command: {program: x, args: [{a: b}]}}", "rollback.command.args: each argument must be a single value, found a mapping", 1, 41)]
    [DataRow("rollback: {command: {program: x, passEnv: [OK, not-a-name]}}", "rollback.command.passEnv[1]: 'not-a-name' is not an environment variable name", 1, 48)]
    [DataRow("rollback: {command: {program: x, passEnv: [[A]]}}", "rollback.command.passEnv: each entry must be an environment variable name, found a list", 1, 44)]
    [DataRow("rollback: {command: {program: x, passEnv: GH_TOKEN}}", "rollback.command.passEnv: expected a list, found", 1, 43)]
    [DataRow("rollback: {webhook: {method: POST}}", "rollback.webhook: url is required", 1, 21)]
    [DataRow("rollback: {webhook: {url: 'https://x', headers: {authorization: t}}}", "rollback.webhook.headers.authorization: a secret must not be written", 1, 50)]
    [DataRow("rollback: {webhook: {url: 'https://x', body: [1]}}", "rollback.webhook.body: expected a mapping of keys to values, found a list", 1, 46)]
    [DataRow("rollback: {githubWorkflow: {ref: main}}", "rollback.githubWorkflow: workflow is required", 1, 28)]
    [DataRow("rollback: {githubWorkflow: {workflow: .github/workflows/r.yml}}", "rollback.githubWorkflow.workflow: '.github/workflows/r.yml' is a path; give the file name only, e.g. r.yml", 1, 39)]
    [DataRow("rollback: {githubWorkflow: {workflow: r.yml, repository: just-a-name}}", "rollback.githubWorkflow.repository: 'just-a-name' is not owner/name", 1, 58)]
    [DataRow("rollback: {githubWorkflow: {workflow: r.yml, inputs: {a: [1]}}}", "rollback.githubWorkflow.inputs.a: expected a single value, found a list", 1, 58)]
    [DataRow("rollback: {azurePipeline: {branch: main}}", "rollback.azurePipeline: pipelineId is required", 1, 27)]
    [DataRow("rollback: {azurePipeline: {pipelineId: 0}}", "rollback.azurePipeline.pipelineId: 0 must be at least 1", 1, 40)]
    [DataRow("rollback: {azurePipeline: {pipelineId: x}}", "rollback.azurePipeline.pipelineId: 'x' is not a whole number", 1, 40)]
    [DataRow("rollback: {azurePipeline: {pipelineId: 4, organizationUrl: dev.azure.com}}", "rollback.azurePipeline.organizationUrl: 'dev.azure.com' is not an absolute http or https URL", 1, 60)]
    public void Load_BadSetting_ReportsErrorAtValue(string section, string message, int line, int column)
    {
        var error = SingleError(section + "\n" + Minimal);

        StringAssert.StartsWith(error.Message, message);
        AssertAt(error, line, column);
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

    [TestMethod]
    public void Load_Anchors_AreResolved()
    {
        var checklist = LoadValid("""
            checks:
              - &base
                name: a
                query: q
                max: 1
              - name: b
                query: q
                max: 2
                evidence: &ev {minSamples: 3}
              - name: c
                query: q
                max: 3
                evidence: *ev
            """);

        Assert.AreEqual(3, checklist.Checks[2].Evidence.MinSamples);
    }

    [TestMethod]
    public void Load_NullValue_MeansDefault()
    {
        var checklist = LoadValid("prometheus: ~\nsoak:\n  interval: ~\n" + Minimal);

        Assert.AreEqual(ChecklistDefaults.SoakInterval, checklist.Soak.Interval);
    }

    [TestMethod]
    public void Load_ExampleFile_IsValid()
    {
        var path = Path.Combine(RepositoryFiles.Root, "examples", "kubernetes", "checklist.yml");

        var checklist = LoadValid(System.IO.File.ReadAllText(path));

        Assert.HasCount(5, checklist.Checks);
        Assert.AreEqual(CheckKind.Trend, checklist.Checks.Single(c => c.Name == "memory-leak").Kind);
        Assert.AreEqual(CheckKind.Redundancy, checklist.Checks.Single(c => c.Name == "cpu-redundancy").Kind);
    }
}
