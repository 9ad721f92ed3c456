using DeployVerifier.Cli.CiSystems;

namespace DeployVerifier.CiSystems;

[TestClass]
public sealed class AzureCommandsTests
{
    [TestMethod]
    [DataRow("a;b", "a%3Bb")]
    [DataRow("x]y", "x%5Dy")]
    [DataRow("1\r\n2", "1%0D%0A2")]
    [DataRow("50%", "50%AZP25")]
    [DataRow("%3B", "%AZP253B")]
    public void Escape_SpecialCharacters_Escaped(string text, string expected) =>
        Assert.AreEqual(expected, AzureCommands.Escape(text));

    [TestMethod]
    public void Command_LogIssue_Formatted()
    {
        var line = AzureCommands.Command("task.logissue", "bad; value]", ("type", "error"), ("sourcepath", "c;1.yml"), ("linenumber", "3"), ("columnnumber", null));

        Assert.AreEqual("##vso[task.logissue type=error;sourcepath=c%3B1.yml;linenumber=3]bad%3B value%5D", line);
    }

    [TestMethod]
    public void Command_NoProperties_MessageOnly() =>
        Assert.AreEqual("##vso[task.setsecret]tok%3Ben", AzureCommands.Command("task.setsecret", "tok;en"));
}
