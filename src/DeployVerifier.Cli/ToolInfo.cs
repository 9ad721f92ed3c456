using System.Net.Http.Headers;
using System.Reflection;

namespace DeployVerifier.Cli;

/// <summary>The tool's name and version, as every request, report and <c>--version</c> gives them.</summary>
internal static class ToolInfo
{
    public const string Name = "deploy-verifier";

    /// <summary>The informational version without its commit suffix, e.g. <c>1.4.0</c>.</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The User-Agent of every request the tool makes: <c>deploy-verifier/1.4.0</c>.</summary>
    public static ProductInfoHeaderValue UserAgent => new(Name, Version);
}
