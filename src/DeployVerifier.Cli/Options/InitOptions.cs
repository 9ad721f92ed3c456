using CommandLine;

namespace DeployVerifier.Cli.Options;

/// <summary>The flags of <c>init</c>: which starter checklist, and where it goes.</summary>
[Verb("init", HelpText = "Write a commented starter checklist for a Kubernetes Deployment or a fleet of VMs; it passes 'validate --offline' once its required --var values are given.")]
internal sealed class InitOptions
{
    /// <summary>The starter: <c>kubernetes</c> or <c>vm</c>; required.</summary>
    [Option("kind", Required = true, HelpText = "kubernetes: a Deployment, releases from kube-state-metrics' ReplicaSets; vm: hosts deployed in place, releases from app_build_info. Required.")]
    public string? Kind { get; set; }

    /// <summary>The file to write; an existing file is never overwritten. Default: none, the checklist is printed.</summary>
    [Option("out", HelpText = "Write the checklist to this file; an existing file is refused (exit 2) and left as it is. Default: print it to standard output.")]
    public string? Out { get; set; }
}
