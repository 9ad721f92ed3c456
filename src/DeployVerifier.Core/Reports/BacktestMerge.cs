using DeployVerifier.Backtests;
using DeployVerifier.Checklists;

namespace DeployVerifier.Reports;

/// <summary>
/// Joins the reports of a backtest's shards (<c>merge-backtests</c>) into the report one run would have written: every
/// shard of one list (the same fingerprint, release count and shard count, each index once), run with the same tool,
/// checklist and flags that affect verdicts; anything else is refused, naming the field and the two files. The rows
/// are put back in the list's order and the totals counted from them, never added up from the shards' totals.
/// </summary>
public static class BacktestMerge
{
    /// <param name="files">Each report's file name and content.</param>
    public static (BacktestReport? Report, IReadOnlyList<ChecklistError> Errors) Merge(IReadOnlyList<(string Path, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return (null, [new ChecklistError("no report given: name every shard's JSON report, e.g. merge-backtests shard-1.json shard-2.json")]);
        }

        var reports = new List<(string Path, BacktestJsonReport Report, BacktestJsonShard Shard)>();
        var errors = new List<ChecklistError>();
        foreach (var (path, text) in files)
        {
            var (report, error) = BacktestJsonReportReader.Read(text, path);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (report!.Shard is not { } shard)
            {
                errors.Add(new ChecklistError($"'{path}' is not a shard's report (it has no shard object); write each with backtest --shard I/N"));
            }
            else
            {
                reports.Add((path, report, shard));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var first = reports[0];
        foreach (var other in reports.Skip(1))
        {
            foreach (var (field, value) in Agreed)
            {
                if (value(first.Report) is var a && value(other.Report) is var b && a != b)
                {
                    errors.Add(new ChecklistError($"{field} differs: {a} in '{first.Path}', {b} in '{other.Path}'; merge only the shards of one backtest, "
                        + "run with the same checklist, flags and list of releases"));
                }
            }
        }

        errors.AddRange(reports.GroupBy(r => r.Shard.Index).Where(g => g.Count() > 1)
            .Select(g => new ChecklistError($"shard.index {g.Key} is in both '{g.First().Path}' and '{g.Skip(1).First().Path}'; give each shard's report once")));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var count = first.Shard.Count;
        var missing = Enumerable.Range(1, count).Except(reports.Select(r => r.Shard.Index)).ToList();
        if (missing.Count > 0)
        {
            return (null, [new ChecklistError($"shard{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} of {count} "
                + $"{(missing.Count == 1 ? "is" : "are")} missing; a merge needs every shard's report, or its totals would not be the backtest's")]);
        }

        var rows = new List<BacktestRow>();
        foreach (var (path, report, shard) in reports)
        {
            var (read, error) = BacktestJsonReportReader.Rows(report, path);
            var slice = new BacktestShard(shard.Index, shard.Count);
            var expected = Enumerable.Range(0, shard.Releases).Where(slice.Holds).ToList();
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (!read.Select(r => r.Position).SequenceEqual(expected))
            {
                errors.Add(new ChecklistError($"'{path}' holds releases at positions {string.Join(", ", read.Select(r => r.Position + 1))} of {shard.Releases}, "
                    + $"and shard {slice} of that list holds {string.Join(", ", expected.Select(p => p + 1))}; the file was changed or cut short"));
            }

            rows.AddRange(read);
        }

        return errors.Count > 0 ? (null, errors) : (Joined(reports.Select(r => r.Report).ToList(), rows), []);
    }

    /// <summary>The fields every shard must agree on, as the report names them.</summary>
    private static readonly (string Field, Func<BacktestJsonReport, string> Value)[] Agreed =
    [
        ("toolVersion", r => r.ToolVersion),
        ("checklist.sha256", r => r.Checklist?.Sha256 ?? "none"),
        ("settings.soak", r => r.Settings?.Soak ?? "none"),
        ("settings.vars", r => r.Settings?.Vars ?? "none"),
        ("settings.inconclusive", r => r.Settings?.Inconclusive ?? "fail"),
        ("settings.labelRollbacks", r => r.Settings?.LabelRollbacks ?? "none"),
        ("selection.description", r => $"'{r.Selection.Description}'"),
        ("shard.count", r => $"{r.Shard!.Count}"),
        ("shard.releases", r => $"{r.Shard!.Releases}"),
        ("shard.fingerprint", r => r.Shard!.Fingerprint),
    ];

    private static BacktestReport Joined(List<BacktestJsonReport> reports, List<BacktestRow> rows)
    {
        var first = reports[0];
        var outages = reports.Select(r => r.Prometheus.Outage).OfType<string>().Distinct().ToList();
        return new BacktestReport([.. rows.OrderBy(r => r.Position)], outages.Count == 0 ? null : string.Join("; ", outages), reports.Any(r => r.Cancelled),
            first.Selection.Description, first.Selection.From, first.Selection.To, first.Selection.ReleasesFile, reports.Min(r => r.RanAt),
            first.Prometheus.Url, reports.Sum(r => r.Prometheus.Requests), first.ToolVersion,
            first.Settings?.Inconclusive == "warn" ? Verdicts.InconclusivePolicy.Warn : Verdicts.InconclusivePolicy.Fail)
        {
            Inputs = first.Checklist is { } checklist && first.Settings is { } settings
                ? new BacktestInputs(checklist.Path, checklist.Sha256, settings.Soak, settings.Vars) { LabelRollbacks = settings.LabelRollbacks }
                : null,
            Merged = new BacktestMergeStamp(first.Shard!.Count, first.Shard.Releases, first.Shard.Fingerprint),
        };
    }
}
