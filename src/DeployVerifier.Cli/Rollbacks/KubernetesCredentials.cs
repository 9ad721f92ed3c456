using System.Security.Cryptography.X509Certificates;
using DeployVerifier.Checklists;
using DeployVerifier.Cli.Environment;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace DeployVerifier.Cli.Rollbacks;

/// <summary>
/// Where the Kubernetes rollback's credentials come from: the bearer token and API server named by
/// <c>tokenEnv</c>/<c>serverEnv</c>; else the kubeconfig in <c>KUBECONFIG</c>; else the pod's service account
/// (in-cluster); else <c>~/.kube/config</c>. A kubeconfig whose user runs an exec plugin that is not here (the managed
/// clusters' <c>aws</c>, <c>gke-gcloud-auth-plugin</c>, <c>kubelogin</c>) is found before the soak, not after it.
/// </summary>
/// <param name="Source">Where they came from, for the report (never the secret itself).</param>
/// <param name="Build">Makes the client's configuration.</param>
internal sealed record KubernetesCredentials(string Source, Func<KubernetesClientConfiguration> Build)
{
    /// <summary>Where a pod's service account token is mounted.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    private const string TokenAlternative =
        "or give the rollback a bearer token instead: rollback.kubernetes.serverEnv and tokenEnv naming variables with the API server's address and"
        + " a service account's token (kubectl create token)";

    /// <summary>The credentials, or why there are none usable here.</summary>
    public static (KubernetesCredentials? Credentials, string? Problem) Find(RollbackKubernetes settings, IEnvironment environment,
        string serviceAccountDirectory = ServiceAccountDirectory)
    {
        const string Path = "rollback.kubernetes";
        if (settings.TokenEnv is { } tokenEnv && settings.ServerEnv is { } serverEnv)
        {
            var server = environment.Get(serverEnv);
            var token = environment.Get(tokenEnv);
            if (string.IsNullOrWhiteSpace(server))
            {
                return (null, $"{Path}.serverEnv: {serverEnv} is not set; it should hold the API server's address");
            }

            if (string.IsNullOrWhiteSpace(token))
            {
                return (null, $"{Path}.tokenEnv: {tokenEnv} is not set; it should hold a bearer token for the API server");
            }

            if (!Uri.TryCreate(server.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
            {
                return (null, $"{Path}.serverEnv: {serverEnv} is not an http(s) address");
            }

            if (settings.CaFile is { } caFile && !File.Exists(caFile))
            {
                return (null, $"{Path}.caFile: '{caFile}' does not exist");
            }

            return (new KubernetesCredentials($"the token in {tokenEnv} for {address.GetLeftPart(UriPartial.Authority)}", () =>
            {
                var configuration = new KubernetesClientConfiguration { Host = address.ToString(), AccessToken = token.Trim() };
                if (settings.CaFile is { } ca)
                {
                    var certificates = new X509Certificate2Collection();
                    certificates.ImportFromPemFile(ca);
                    configuration.SslCaCerts = certificates;
                }

                return configuration;
            }), null);
        }

        if (environment.Get("KUBECONFIG") is { Length: > 0 } kubeconfig)
        {
            // Several files are not merged as kubectl does: the first that exists is read.
            var files = kubeconfig.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists).Take(1).ToArray();
            return files.Length == 0
                ? (null, $"{Path}: KUBECONFIG names {kubeconfig}, which does not exist; {TokenAlternative}")
                : FromKubeconfig(files, settings.Context, environment);
        }

        if (!string.IsNullOrEmpty(environment.Get("KUBERNETES_SERVICE_HOST")) && settings.Context is null
            && File.Exists(System.IO.Path.Combine(serviceAccountDirectory, "token")))
        {
            return (new KubernetesCredentials("the pod's service account", KubernetesClientConfiguration.InClusterConfig), null);
        }

        if (environment.Get("HOME") is { Length: > 0 } home && System.IO.Path.Combine(home, ".kube", "config") is var file && File.Exists(file))
        {
            return FromKubeconfig([file], settings.Context, environment);
        }

        return (null, $"{Path}: no Kubernetes credentials here: not in a pod with a service account (KUBERNETES_SERVICE_HOST), no kubeconfig"
            + $" (KUBECONFIG, ~/.kube/config); mount a kubeconfig and set KUBECONFIG, {TokenAlternative}");
    }

    private static (KubernetesCredentials?, string?) FromKubeconfig(string[] files, string? contextName, IEnvironment environment)
    {
        const string Path = "rollback.kubernetes";
        var named = string.Join(", ", files);
        K8SConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(files[0]));
        }
        catch (Exception exception) when (exception is KubeConfigException or IOException or UnauthorizedAccessException
            or YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException)
        {
            return (null, $"{Path}: the kubeconfig {named} can't be read: {exception.Message}");
        }

        var wanted = contextName ?? configuration.CurrentContext;
        if (string.IsNullOrEmpty(wanted))
        {
            return (null, $"{Path}: the kubeconfig {named} has no current-context; set rollback.kubernetes.context");
        }

        if (configuration.Contexts?.FirstOrDefault(c => c.Name == wanted) is not { } context)
        {
            return (null, $"{Path}{(contextName is null ? "" : ".context")}: the kubeconfig {named} has no context '{wanted}'"
                + $" (it has: {string.Join(", ", configuration.Contexts?.Select(c => c.Name) ?? [])})");
        }

        var user = configuration.Users?.FirstOrDefault(u => u.Name == context.ContextDetails?.User);
        if (user?.UserCredentials?.ExternalExecution?.Command is { Length: > 0 } plugin && RollbackPreflight.Find(plugin, environment) is null)
        {
            return (null, $"{Path}: the kubeconfig's user '{user.Name}' (context '{wanted}') gets its credentials from the exec plugin '{plugin}',"
                + $" which is not here (managed clusters' kubeconfigs need aws, gke-gcloud-auth-plugin or kubelogin, which this image lacks); {TokenAlternative}");
        }

        return (new KubernetesCredentials($"the kubeconfig {named} (context {wanted})",
            () => KubernetesClientConfiguration.BuildConfigFromConfigObject(configuration, wanted)), null);
    }
}
