using DeployVerifier.Cli.CiSystems;

namespace DeployVerifier.CiSystems;

[TestClass]
public sealed class StatusDescriptionTests
{
    [TestMethod]
    public void Truncate_Short_Unchanged() => Assert.AreEqual("passed: fine", StatusDescription.Truncate("passed: fine"));

    [TestMethod]
    public void Truncate_ExactlyMax_Unchanged()
    {
        var text = new string('a', StatusDescription.MaxLength);

        Assert.AreEqual(text, StatusDescription.Truncate(text));
    }

    [TestMethod]
    public void Truncate_Long_CutWithEllipsisWithinLimit()
    {
        var truncated = StatusDescription.Truncate(new string('a', 300));

        Assert.HasCount(StatusDescription.MaxLength, truncated);
        StringAssert.EndsWith(truncated, "…");
    }

    [TestMethod]
    public void Truncate_SurrogatePairAtCut_KeptWhole()
    {
        var text = new string('a', StatusDescription.MaxLength - 2) + "😀" + new string('b', 10);

        var truncated = StatusDescription.Truncate(text);

        Assert.IsLessThanOrEqualTo(StatusDescription.MaxLength, truncated.Length);
        Assert.AreEqual(new string('a', StatusDescription.MaxLength - 2) + "…", truncated);
    }

    [TestMethod]
    public void Truncate_LineBreaks_BecomeSpaces() => Assert.AreEqual("a b", StatusDescription.Truncate("a\nb"));
}
