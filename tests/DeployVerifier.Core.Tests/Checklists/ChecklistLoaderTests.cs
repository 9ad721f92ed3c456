using DeployVerifier.Quantities;
using static DeployVerifier.Checklists.ChecklistText;

namespace DeployVerifier.Checklists;

[TestClass]
public sealed class ChecklistLoaderTests
{
    [TestMethod]
    public void Load_ErrorsElsewhere_StillTellsWhichVariablesAreDeclared()
    {
        var result = ChecklistLoader.Load("""
            vars: {namespace: ~, workload: checkout}
            checks:
              - name: broken
                query: up
                max: 5 pods
            """, FileName);

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
        Assert.AreEqual(new SourceLocation(FileName, 2, 5), check.Location);
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
        Assert.AreEqual(new SourceLocation(FileName, 25, 5), memory.Location);

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
    [DataRow("", DisplayName = "empty")]
    [DataRow("# only a comment\n", DisplayName = "comment")]
    [DataRow("---\n", DisplayName = "empty document")]
    public void Load_Empty_ReportsEmpty(string yaml)
    {
        var error = SingleError(yaml);

        StringAssert.Contains(error.Message, "the checklist is empty");
        Assert.AreEqual(FileName, error.Location!.Value.File);
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
