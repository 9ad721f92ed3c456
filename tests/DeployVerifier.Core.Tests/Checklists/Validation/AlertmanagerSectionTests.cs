using static DeployVerifier.Checklists.ChecklistText;

namespace DeployVerifier.Checklists.Validation;

/// <summary><c>notify.alertmanager</c> as NotifyValidator reads it: its defaults and the labels the verifier sets.</summary>
[TestClass]
public sealed class AlertmanagerSectionTests
{
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
}
