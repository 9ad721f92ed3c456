using System.Globalization;

namespace DeployVerifier.Checklists.Document;

/// <summary>Maps the YAML tree onto <see cref="ChecklistDocument"/>, reporting unknown keys and values of the wrong shape.</summary>
internal sealed class ChecklistDocumentReader(ICollection<ChecklistError> errors)
{
    public ChecklistDocument Read(DocumentMapping root)
    {
        var map = Open(root, string.Empty, ChecklistKeys.Root);
        var checksNode = map.Node("checks");
        return new ChecklistDocument(root.Location)
        {
            Prometheus = ReadPrometheus(map.Mapping("prometheus"), map.PathOf("prometheus")),
            Release = ReadRelease(map.Mapping("release"), map.PathOf("release")),
            Soak = ReadSoak(map.Mapping("soak"), map.PathOf("soak")),
            Vars = map.Mapping("vars"),
            Checks = map.Sequence("checks") is { } checks ? [.. ReadChecks(checks)] : null,
            ChecksLocation = checksNode?.Location ?? root.Location,
            Rollback = ReadRollback(map.Mapping("rollback"), map.PathOf("rollback")),
            Notify = new NotifyDocumentReader(errors).Read(map.Mapping("notify"), map.PathOf("notify")),
        };
    }

    private DocumentMappingReader Open(DocumentMapping mapping, string path, IReadOnlyList<string> keys) => new(mapping, path, keys, errors);

    private PrometheusDocument? ReadPrometheus(DocumentMapping? mapping, string path)
    {
        if (mapping is null)
        {
            return null;
        }

        var map = Open(mapping, path, ChecklistKeys.Prometheus);
        var basicAuth = map.Section("basicAuth", ChecklistKeys.BasicAuth, (auth, at) => new BasicAuthDocument(at)
        {
            UsernameEnv = auth.Scalar("usernameEnv"),
            PasswordEnv = auth.Scalar("passwordEnv"),
        });

        return new PrometheusDocument
        {
            Url = map.Scalar("url"),
            Headers = map.Mapping("headers"),
            HeadersFromEnv = map.Mapping("headersFromEnv"),
            BearerTokenEnv = map.Scalar("bearerTokenEnv"),
            BasicAuth = basicAuth,
            Timeout = map.Scalar("timeout"),
            Patience = map.Scalar("patience"),
            CaFile = map.Scalar("caFile"),
        };
    }

    private ReleaseDocument? ReadRelease(DocumentMapping? mapping, string path)
    {
        if (mapping is null)
        {
            return null;
        }

        var map = Open(mapping, path, ChecklistKeys.Release);
        return new ReleaseDocument(mapping.Location)
        {
            Releases = map.Scalar("releases"),
            Label = map.Scalar("label"),
            Instances = map.Scalar("instances"),
            InstanceLabel = map.Scalar("instanceLabel"),
            MatchOn = map.Sequence("matchOn"),
            Freshness = map.Scalar("freshness"),
            WaitFor = map.Scalar("waitFor"),
            Lookback = map.Scalar("lookback"),
        };
    }

    private SoakDocument? ReadSoak(DocumentMapping? mapping, string path)
    {
        if (mapping is null)
        {
            return null;
        }

        var map = Open(mapping, path, ChecklistKeys.Soak);
        return new SoakDocument
        {
            Duration = map.Scalar("duration"),
            Interval = map.Scalar("interval"),
            WarmUp = map.Scalar("warmUp"),
            IngestionLag = map.Scalar("ingestionLag"),
            MaxConsecutiveErrors = map.Scalar("maxConsecutiveErrors"),
            Extension = map.Scalar("extension"),
        };
    }

    private IEnumerable<CheckDocument> ReadChecks(DocumentSequence checks)
    {
        for (var i = 0; i < checks.Items.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"checks[{i}]");
            if (checks.Items[i] is not DocumentMapping mapping)
            {
                errors.Add(new ChecklistError($"{path}: expected a check (a mapping with name, query, ...), found {checks.Items[i].Kind}", checks.Items[i].Location));
                continue;
            }

            yield return ReadCheck(mapping, path);
        }
    }

    private CheckDocument ReadCheck(DocumentMapping mapping, string path)
    {
        var map = Open(mapping, path, ChecklistKeys.Check);
        var evidence = map.Section("evidence", ChecklistKeys.Evidence, (e, at) => new EvidenceDocument(at)
        {
            MinSamples = e.Scalar("minSamples"),
            Query = e.Scalar("query"),
            Min = e.Scalar("min"),
        });

        var budget = map.Section("budget", ChecklistKeys.Budget, (b, at) => new BudgetDocument(at)
        {
            MaxFailingShare = b.Scalar("maxFailingShare"),
            MinEvaluations = b.Scalar("minEvaluations"),
        });

        var baseline = map.Section("baseline", ChecklistKeys.Baseline, (b, at) => new BaselineDocument(at)
        {
            Window = b.Scalar("window"),
            MaxFactor = b.Scalar("maxFactor"),
            MaxIncrease = b.Scalar("maxIncrease"),
        });

        var trend = map.Section("trend", ChecklistKeys.Trend, (t, at) => new TrendDocument(at)
        {
            Limit = t.Scalar("limit"),
            LimitQuery = t.Scalar("limitQuery"),
            Horizon = t.Scalar("horizon"),
            Window = t.Scalar("window"),
            FloorWindow = t.Scalar("floorWindow"),
            Resolution = t.Scalar("resolution"),
            Fleet = t.Section("fleet", ChecklistKeys.TrendFleet, (f, fleetAt) => new TrendFleetDocument(fleetAt)
            {
                GrowsWithLoad = f.Scalar("growsWithLoad"),
                Downtime = f.Scalar("downtime"),
            }),
        });

        var redundancy = map.Section("redundancy", ChecklistKeys.Redundancy, (r, at) => new RedundancyDocument(at)
        {
            Capacity = r.Scalar("capacity"),
            CapacityQuery = r.Scalar("capacityQuery"),
            Spare = r.Scalar("spare"),
            MaxUtilization = r.Scalar("maxUtilization"),
            WarmUp = r.Scalar("warmUp"),
        });

        return new CheckDocument(path, mapping.Location)
        {
            Name = map.Scalar("name"),
            Query = map.Scalar("query"),
            MatchOn = map.Sequence("matchOn"),
            Type = map.Scalar("type"),
            Min = map.Scalar("min"),
            Max = map.Scalar("max"),
            Unit = map.Scalar("unit"),
            Tolerance = map.Scalar("tolerance"),
            Budget = budget,
            FailureLimit = map.Scalar("failureLimit"),
            NoData = map.Scalar("noData"),
            PerSeries = map.Scalar("perSeries"),
            ReleaseSeriesOnly = map.Scalar("releaseSeriesOnly"),
            WarmUp = map.Scalar("warmUp"),
            MinSeriesAge = map.Scalar("minSeriesAge"),
            Evidence = evidence,
            Baseline = baseline,
            Trend = trend,
            Severity = map.Scalar("severity"),
            Redundancy = redundancy,
            Runbook = map.Scalar("runbook"),
            Dashboard = map.Scalar("dashboard"),
        };
    }

    private RollbackDocument? ReadRollback(DocumentMapping? mapping, string path)
    {
        if (mapping is null)
        {
            return null;
        }

        var map = Open(mapping, path, ChecklistKeys.Rollback);
        var command = map.Section("command", ChecklistKeys.RollbackCommand, (c, at) => new RollbackCommandDocument(at)
        {
            Program = c.Scalar("program"),
            Args = c.Sequence("args") is { } args ? [.. ReadArgs(args, c.PathOf("args"))] : null,
            Timeout = c.Scalar("timeout"),
            WorkingDirectory = c.Scalar("workingDirectory"),
            PassEnv = c.Sequence("passEnv") is { } passEnv ? [.. ReadScalars(passEnv, c.PathOf("passEnv"), "each entry must be an environment variable name")] : null,
        });

        var webhook = map.Section("webhook", ChecklistKeys.RollbackWebhook, (w, at) => new RollbackWebhookDocument(at)
        {
            Url = w.Scalar("url"),
            Method = w.Scalar("method"),
            Headers = w.Mapping("headers"),
            HeadersFromEnv = w.Mapping("headersFromEnv"),
            Body = w.Mapping("body"),
            Timeout = w.Scalar("timeout"),
        });

        var githubWorkflow = map.Section("githubWorkflow", ChecklistKeys.RollbackGithubWorkflow, (g, at) => new RollbackGithubWorkflowDocument(at)
        {
            Workflow = g.Scalar("workflow"),
            Ref = g.Scalar("ref"),
            Inputs = g.Mapping("inputs"),
            Repository = g.Scalar("repository"),
        });

        var azurePipeline = map.Section("azurePipeline", ChecklistKeys.RollbackAzurePipeline, (a, at) => new RollbackAzurePipelineDocument(at)
        {
            OrganizationUrl = a.Scalar("organizationUrl"),
            Project = a.Scalar("project"),
            PipelineId = a.Scalar("pipelineId"),
            Branch = a.Scalar("branch"),
            TemplateParameters = a.Mapping("templateParameters"),
        });

        var kubernetes = map.Section("kubernetes", ChecklistKeys.RollbackKubernetes, (k, at) => new RollbackKubernetesDocument(at)
        {
            Namespace = k.Scalar("namespace"),
            Deployment = k.Scalar("deployment"),
            Context = k.Scalar("context"),
            ServerEnv = k.Scalar("serverEnv"),
            TokenEnv = k.Scalar("tokenEnv"),
            CaFile = k.Scalar("caFile"),
            Timeout = k.Scalar("timeout"),
        });

        return new RollbackDocument
        {
            Command = command, Webhook = webhook, GithubWorkflow = githubWorkflow, AzurePipeline = azurePipeline, Kubernetes = kubernetes,
        };
    }

    private IEnumerable<DocumentScalar> ReadArgs(DocumentSequence args, string path) => ReadScalars(args, path, "each argument must be a single value");

    private IEnumerable<DocumentScalar> ReadScalars(DocumentSequence sequence, string path, string rule)
    {
        foreach (var item in sequence.Items)
        {
            if (item is DocumentScalar scalar)
            {
                yield return scalar;
            }
            else
            {
                errors.Add(new ChecklistError($"{path}: {rule}, found {item.Kind}", item.Location));
            }
        }
    }
}
