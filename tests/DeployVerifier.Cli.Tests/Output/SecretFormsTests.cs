using DeployVerifier.Cli.Output;

namespace DeployVerifier.Output;

[TestClass]
public sealed class SecretFormsTests
{
    [TestMethod]
    public void Of_WebhookUrl_MasksItsPathTokensAndTheirEncodings_NotWordsOrTheHost()
    {
        var forms = SecretForms.Of("https://hooks.example.com/hook/WEBHOOKSECRET000?token=abc%2Fdef1234567&x=1").ToList();

        CollectionAssert.Contains(forms, "https://hooks.example.com/hook/WEBHOOKSECRET000?token=abc%2Fdef1234567&x=1");
        CollectionAssert.Contains(forms, "/hook/WEBHOOKSECRET000", "the path as a whole");
        CollectionAssert.Contains(forms, "WEBHOOKSECRET000", "a segment of 8 or more with a digit");
        CollectionAssert.Contains(forms, "abc/def1234567", "a query value, unescaped");
        CollectionAssert.Contains(forms, "abc%2Fdef1234567", "and escaped");
        CollectionAssert.DoesNotContain(forms, "hook");
        CollectionAssert.DoesNotContain(forms, "1");
        Assert.IsFalse(forms.Any(f => f.Contains("hooks.example.com", StringComparison.Ordinal) && f.Length < 30), "the host may show");
    }

    [TestMethod]
    public void Of_PlainToken_IsItselfAndItsEncoding()
    {
        CollectionAssert.AreEquivalent(new[] { "s3cr+t<x|y&z", "s3cr%2Bt%3Cx%7Cy%26z" }, SecretForms.Of("s3cr+t<x|y&z").ToList());
    }
}
