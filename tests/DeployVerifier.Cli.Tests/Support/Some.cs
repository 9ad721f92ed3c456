using DeployVerifier.Checklists;
using DeployVerifier.Cli.Settings;
using DeployVerifier.Evaluation;
using DeployVerifier.Measurements;
using DeployVerifier.Reports;
using DeployVerifier.Rollbacks;
using DeployVerifier.Soak;
using DeployVerifier.Verdicts;

namespace DeployVerifier.Support;

/// <summary>Test data for the CLI's side channels.</summary>
internal static class Some
{
    public static readonly DateTimeOffset DeployedAt = new(2024, 8, 16, 13, 45, 0, TimeSpan.Zero);

    public static SoakSchedule Schedule(int minutes = 30) =>
        new(DeployedAt, TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

    public static ReportContext Report(Verdict verdict, string reason = "restarts: 4 restarts in pod checkout-1") =>
        new(new SoakOutcome(verdict, reason, Schedule(), verdict == Verdict.Inconclusive ? null : DeployedAt.AddMinutes(12), [], false, [],
                new Dictionary<string, BaselineInfo>()),
            RollbackOutcome.NotAttempted("not needed"), false, "http://prometheus:9090/", 3, "1.0.0");

    /// <summary>A passed report with one check of severity warn that failed.</summary>
    public static ReportContext WarnedReport()
    {
        var check = new Checklists.CheckDefinition { Name = "cpu-redundancy", Query = "cpu", Rule = new Checklists.ThresholdRule(new(null, 0.9)), Severity = Checklists.CheckSeverity.Warn };
        var warned = new Evaluation.CheckResult(check, Evaluation.CheckOutcome.Failed, "the fleet can't lose a pod", null, null, 10, [], DeployedAt.AddMinutes(5));
        return Report(Verdict.Passed, "all 1 blocking checks passed") with
        {
            Outcome = Report(Verdict.Passed).Outcome with { Checks = [warned], DecidedAt = DeployedAt.AddMinutes(30) },
        };
    }

    public static Invocation Invocation(long? deploymentId = null, InconclusivePolicy inconclusive = InconclusivePolicy.Fail) =>
        new("checklist.yml", null, DeployedAt, null, new Dictionary<string, string>(), false, null, null)
        {
            DeploymentId = deploymentId,
            Inconclusive = inconclusive,
        };

    public static SoakProgress Progress(SoakSchedule schedule, int minute, int passing, int total = 2)
    {
        var latest = Enumerable.Range(0, total)
            .Select(i => ($"check{i}", new CheckEvaluation(schedule.DeployedAt.AddMinutes(minute), i < passing ? EvaluationOutcome.Passed : EvaluationOutcome.Failed,
                null, null, "reason")))
            .ToList();
        var at = schedule.DeployedAt.AddMinutes(minute);
        return new SoakProgress(at, at, 1, true, latest, schedule, total);
    }

    public static ChecklistError Error(string message, int line = 3, int column = 5, string file = "checklist.yml") =>
        new(message, new SourceLocation(file, line, column));

    /// <summary>A fresh temporary directory, deleted by the caller.</summary>
    public static DirectoryInfo TempDirectory() => Directory.CreateTempSubdirectory("deploy-verifier-cli-tests-");
}
