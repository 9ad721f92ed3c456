namespace DeployVerifier.Checklists;

[TestClass]
public sealed class HttpAddressTests
{
    [TestMethod]
    [DataRow("http://admin:hunter2@prom:9090/x?q=a@b", "http://***@prom:9090/x?q=a@b")]
    [DataRow("admin:hunter2@prom:9090", "***@prom:9090")]
    [DataRow("http://a@b:hunter2@prom", "http://***@prom")]
    [DataRow("http://prom:9090/path@x", "http://prom:9090/path@x")]
    [DataRow("not a url", "not a url")]
    [DataRow("", "")]
    public void WithoutUserInfo_AnyText_NothingBeforeTheAuthoritysAt(string text, string expected) =>
        Assert.AreEqual(expected, HttpAddress.WithoutUserInfo(text));

    [TestMethod]
    [DataRow("http://prom:9090", true)]
    [DataRow("https://prom/prefix", true)]
    [DataRow("ftp://prom", false)]
    [DataRow("http://u:p4ss@prom", false)]
    [DataRow("prom:9090", false)]
    public void Parse_Address_HttpOrHttpsWithoutCredentials(string text, bool valid)
    {
        var uri = HttpAddress.Parse(text, "hint", out var problem);

        Assert.AreEqual(valid, uri is not null, problem);
        Assert.AreEqual(valid, problem is null);
        if (problem is not null)
        {
            Assert.DoesNotContain("p4ss", problem);
        }
    }
}
