using System.Net;
using DeployVerifier.Cli.CiSystems;
using Octokit;

namespace DeployVerifier.CiSystems;

[TestClass]
public sealed class GitHubApiErrorsTests
{
    [TestMethod]
    public void Describe_Forbidden_SaysTheCodeAndThePermission()
    {
        var text = GitHubApiErrors.Describe(new ForbiddenException(new Forbidden()), "actions: write");

        StringAssert.StartsWith(text, "GitHub answered 403 Forbidden: the workflow's token needs `permissions: actions: write`");
        StringAssert.Contains(text, "Resource not accessible by integration");
    }

    [TestMethod]
    public void Describe_NotAnApiError_IsItsMessage()
    {
        Assert.AreEqual("connection refused", GitHubApiErrors.Describe(new HttpRequestException("connection refused"), "actions: write"));
    }

    /// <summary>GitHub's answer when a workflow token lacks a permission.</summary>
    private sealed class Forbidden : IResponse
    {
        public object Body => "{\"message\":\"Resource not accessible by integration\"}";

        public IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        public ApiInfo ApiInfo => null!;

        public HttpStatusCode StatusCode => HttpStatusCode.Forbidden;

        public string ContentType => "application/json";
    }
}
