namespace DeployVerifier.Releases;

/// <summary>
/// What a report or a message is about, in the words a release manager knows it by: the service, where it runs, and
/// the release judged. Taken from the checklist's variables by <see cref="Plans.VerificationPlan.Subject"/>.
/// </summary>
/// <param name="Service">The <c>service</c> variable, else <c>workload</c> (the Kubernetes example's Deployment), else <c>job</c>; null when none is given.</param>
/// <param name="Namespace">The <c>namespace</c> variable; null when none is given.</param>
/// <param name="Job">The <c>job</c> variable, when it is not already the service (the VictoriaMetrics example names the service by its job); null otherwise.</param>
/// <param name="Release">The release's name; null when not identified.</param>
public sealed record ReleaseSubject(string? Service, string? Namespace, string? Job, string? Release)
{
    /// <summary>A subject known only by its release's name (or not at all).</summary>
    public static ReleaseSubject Of(string? release) => new(null, null, null, release);

    /// <summary>Where the service runs: "namespace shop", else "job api"; null when neither is known.</summary>
    public string? Scope => Namespace is { } ns ? $"namespace {ns}" : Job is { } job ? $"job {job}" : null;

    /// <summary>"checkout-7d9f (checkout, namespace shop)", or what of it is known; "the release" when nothing is.</summary>
    public string Describe()
    {
        var name = Release ?? Service ?? "the release";
        var context = new[] { Release is null ? null : Service, Scope }.OfType<string>().ToList();
        return context.Count == 0 ? name : $"{name} ({string.Join(", ", context)})";
    }

    /// <summary>
    /// The service first, then the release: "checkout (namespace shop): release checkout-7d9f". Without a service,
    /// "Release checkout-7d9f"; without anything, "Release".
    /// </summary>
    public string Title()
    {
        var release = Release is { } name ? $"release {name}" : "the release";
        if (Service is null)
        {
            return Release is null ? (Scope is { } where ? $"The release in {where}" : "Release") : $"Release {Release}{(Scope is { } s ? $" ({s})" : "")}";
        }

        return $"{Service}{(Scope is { } scope ? $" ({scope})" : "")}: {release}";
    }
}
