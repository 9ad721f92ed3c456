using DeployVerifier.Checklists.Document;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The scalar rules every section shares, on their own: each error located where the value stands, and a fallback returned.</summary>
[TestClass]
public sealed class ScalarReaderTests
{
    private static readonly SourceLocation At = new("c.yml", 3, 12);

    private static DocumentScalar Scalar(string value) => new(value, IsPlain: true, At);

    [TestMethod]
    [DataRow("90s", 90.0, null)]
    [DataRow("1h30m", 5400.0, null)]
    [DataRow("ninety", 30.0, "soak.interval: 'ninety' is not a duration; use Prometheus syntax such as 90s, 30m or 1h30m")]
    [DataRow("0s", 30.0, "soak.interval: must be longer than zero")]
    [DataRow("2d", 30.0, "soak.interval: 2d is out of range; it must be at most 1d")]
    public void Duration_TakesPrometheusSyntax_WithinItsRange(string value, double seconds, string? error)
    {
        var errors = new List<ChecklistError>();

        var duration = new ScalarReader(errors).Duration(Scalar(value), "soak.interval", TimeSpan.FromSeconds(30), positive: true, max: TimeSpan.FromDays(1));

        Assert.AreEqual(TimeSpan.FromSeconds(seconds), duration);
        Assert.AreEqual(error, errors.SingleOrDefault()?.Message);
        Assert.AreEqual(error is null ? null : At, errors.SingleOrDefault()?.Location);
    }

    [TestMethod]
    public void Choice_Unknown_ListsTheChoicesAndTheNearest()
    {
        var errors = new List<ChecklistError>();

        var kind = new ScalarReader(errors).Choice(Scalar("trnd"), "checks[0].type", CheckKind.Threshold, ("threshold", CheckKind.Threshold), ("trend", CheckKind.Trend));

        Assert.AreEqual(CheckKind.Threshold, kind);
        StringAssert.Contains(errors.Single().Message, "did you mean 'trend'");
    }

    [TestMethod]
    [DataRow("PROM_TOKEN", true)]
    [DataRow("https://example.org/hook", false)]
    [DataRow("1TOKEN", false)]
    public void EnvName_OnlyAVariableName(string value, bool valid)
    {
        var errors = new List<ChecklistError>();

        var name = new ScalarReader(errors).EnvName(Scalar(value), "prometheus.bearerTokenEnv");

        Assert.AreEqual(valid ? value : null, name);
        Assert.HasCount(valid ? 0 : 1, errors);
    }
}
