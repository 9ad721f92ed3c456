using DeployVerifier.Cli.Output;
using DeployVerifier.Measurements;
using DeployVerifier.Soak;

namespace DeployVerifier.Output;

[TestClass]
public sealed class ConsoleProgressTests
{
    private static readonly DateTimeOffset DeployedAt = new(2024, 8, 16, 13, 45, 0, TimeSpan.Zero);

    [TestMethod]
    public void Progressed_Live_SaysHowMuchOfTheSoakIsLeft()
    {
        var output = new StringWriter();
        var schedule = new SoakSchedule(DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var at = DeployedAt.AddMinutes(12);

        new ConsoleProgress(output).Progressed(new SoakProgress(at, at, 1, true, [], schedule, 2));

        StringAssert.StartsWith(output.ToString(), "[13:57:00] +12 min (18 min of the soak left): 0/2 checks passing");
    }

    [TestMethod]
    public void Progressed_FailingCheck_SaysHowCloseItIsToFailingTheRelease()
    {
        var output = new StringWriter();
        var schedule = new SoakSchedule(DeployedAt, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var at = DeployedAt.AddMinutes(5);
        var failing = new DeployVerifier.Evaluation.CheckEvaluation(at, DeployVerifier.Evaluation.EvaluationOutcome.Failed, 0.05, null, "5% is above the maximum 1%");

        new ConsoleProgress(output).Progressed(new SoakProgress(at, at, 1, true, [("error-ratio", failing)], schedule, 1)
        {
            Standings = [new DeployVerifier.Evaluation.CheckStanding(
                new Checklists.CheckDefinition { Name = "error-ratio", Query = "q", Tolerance = 6, Budget = null }, failing, 3, 3, 10, Decided: false)],
        });

        StringAssert.Contains(output.ToString(), "error-ratio: 5% is above the maximum 1% (failing 3 in a row, fails at 7)");
    }
}
