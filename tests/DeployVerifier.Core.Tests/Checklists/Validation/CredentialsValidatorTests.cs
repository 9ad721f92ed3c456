using DeployVerifier.Checklists.Document;

namespace DeployVerifier.Checklists.Validation;

/// <summary>One rule for an endpoint's credentials, whichever section takes them.</summary>
[TestClass]
public sealed class CredentialsValidatorTests
{
    private static DocumentScalar Scalar(string value, int line) => new(value, IsPlain: true, new SourceLocation("c.yml", line, 5));

    [TestMethod]
    [DataRow("prometheus")]
    [DataRow("notify.alertmanager")]
    public void Validate_BearerAndBasic_OneErrorAtTheBearerNamingTheSection(string section)
    {
        var errors = new List<ChecklistError>();
        var basic = new BasicAuthDocument(new SourceLocation("c.yml", 2, 3)) { UsernameEnv = Scalar("USER", 3), PasswordEnv = Scalar("PASSWORD", 4) };

        var (bearer, basicAuth) = new CredentialsValidator(new ScalarReader(errors)).Validate(section, basic, Scalar("TOKEN", 5));

        Assert.AreEqual("TOKEN", bearer);
        Assert.AreEqual(new BasicAuthSettings("USER", "PASSWORD"), basicAuth);
        Assert.AreEqual($"{section}: give bearerTokenEnv or basicAuth, not both", errors.Single().Message);
        Assert.AreEqual(5, errors.Single().Location?.Line);
    }

    [TestMethod]
    public void Validate_BasicWithoutPassword_NeedsBoth()
    {
        var errors = new List<ChecklistError>();
        var basic = new BasicAuthDocument(new SourceLocation("c.yml", 2, 3)) { UsernameEnv = Scalar("USER", 3) };

        var (_, basicAuth) = new CredentialsValidator(new ScalarReader(errors)).Validate("prometheus", basic, null);

        Assert.IsNull(basicAuth);
        Assert.AreEqual("prometheus.basicAuth: needs both usernameEnv and passwordEnv", errors.Single().Message);
    }
}
