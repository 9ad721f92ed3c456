using System.Globalization;
using DeployVerifier.Checklists;
using DeployVerifier.Measurements;
using DeployVerifier.Quantities;
using DeployVerifier.Queries;
using DeployVerifier.Releases;

namespace DeployVerifier.Plans;

/// <summary>
/// One effective checklist for one invocation: the flags applied (one soak, one address), the variables resolved, and
/// the queries rendered once the release's start (the soak's anchor) is known. Built by <see cref="VerificationPlanner"/>.
/// </summary>
public sealed class VerificationPlan
{
    private readonly IReadOnlyDictionary<string, string> _values;

    internal VerificationPlan(Checklist checklist, IReadOnlyDictionary<string, string> values)
    {
        Checklist = checklist;
        _values = values;
    }

    /// <summary>The checklist with the invocation's overrides applied.</summary>
    public Checklist Checklist { get; }

    /// <summary>The soak, after <c>--soak</c>.</summary>
    public SoakSettings Soak => Checklist.Soak;

    /// <summary>The store's address, after the flag and the environment; null when none was given anywhere.</summary>
    public Uri? PrometheusUrl => Checklist.Prometheus.Url;

    /// <summary>How to find the release, rendered; null when the checklist has no <c>release</c> section.</summary>
    public ReleaseLookup? ReleaseLookup
    {
        get
        {
            if (Checklist.Release is not { } release)
            {
                return null;
            }

            var lookup = new ReleaseLookup(
                QueryTemplate.Render(release.Releases, _values),
                release.Label,
                name => QueryTemplate.Render(release.Instances, With(BuiltInVariables.Release, name)),
                release.InstanceLabel)
            {
                Pairing = release.Pairing,
                WaitFor = release.WaitFor,
                Lookback = release.Lookback,
            };
            return release.Freshness is { } freshness ? lookup with { Freshness = QueryTemplate.Render(freshness, _values) } : lookup;
        }
    }

    /// <summary>The longest baseline window of the checks (1 hour when none has one): how far back the previous release's instances are looked for.</summary>
    public TimeSpan BaselineWindow => Checklist.Checks.Select(c => c.Baseline?.Window ?? TimeSpan.Zero).Append(TimeSpan.FromHours(1)).Max();

    /// <summary>The checks' queries, rendered for a release that started at <paramref name="deployedAt"/>.</summary>
    /// <param name="deployedAt">The soak's anchor: the release's start (or the deploy time given when it is not identified).</param>
    /// <param name="release">The release's name, for <c>${release}</c>; null when not identified.</param>
    public IReadOnlyList<RenderedCheck> Render(DateTimeOffset deployedAt, string? release) => Render(new Dictionary<string, string>(_values, StringComparer.Ordinal)
    {
        [BuiltInVariables.DeployedAt] = Rfc3339.Format(deployedAt),
        [BuiltInVariables.DeployedAtUnix] = deployedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        [BuiltInVariables.Release] = release ?? string.Empty,
    });

    /// <summary>
    /// The checks' queries for <c>plan</c>: as <see cref="Render(DateTimeOffset, string?)"/>, but a start or a release
    /// not known yet stays its placeholder (<c>${deployedAt}</c>, <c>${release}</c>) rather than a stand-in.
    /// </summary>
    /// <param name="deployedAt">The soak's anchor, when known.</param>
    /// <param name="release">The release's name, when found.</param>
    public IReadOnlyList<RenderedCheck> RenderForPlan(DateTimeOffset? deployedAt, string? release) => Render(new Dictionary<string, string>(_values, StringComparer.Ordinal)
    {
        [BuiltInVariables.DeployedAt] = deployedAt is { } at ? Rfc3339.Format(at) : Placeholder(BuiltInVariables.DeployedAt),
        [BuiltInVariables.DeployedAtUnix] = deployedAt is { } unix
            ? unix.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : Placeholder(BuiltInVariables.DeployedAtUnix),
        [BuiltInVariables.Release] = release ?? Placeholder(BuiltInVariables.Release),
    });

    private static string Placeholder(string name) => "${" + name + "}";

    private List<RenderedCheck> Render(Dictionary<string, string> values) =>
        Checklist.Checks.Select(c => new RenderedCheck(
            c,
            QueryTemplate.RenderText(c.Query, values),
            c.Evidence.Query is { } evidence ? QueryTemplate.RenderText(evidence, values) : null,
            c.LimitQuery is { Query: var limit } ? QueryTemplate.RenderText(limit, values) : null)).ToList();

    /// <summary>Each check's runbook and dashboard with the variables filled in, for a release named <paramref name="release"/>; checks with neither are left out.</summary>
    public IReadOnlyDictionary<string, CheckLinks> Links(string? release)
    {
        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal) { [BuiltInVariables.Release] = release ?? string.Empty };
        return Checklist.Checks
            .Where(c => c.Runbook is not null || c.Dashboard is not null)
            .ToDictionary(c => c.Name, c => new CheckLinks(CheckLink.Render(c.Runbook, values), CheckLink.Render(c.Dashboard, values)), StringComparer.Ordinal);
    }

    /// <summary>The soak of a release that started at <paramref name="startedAt"/>: its schedule (the whole soak unless given), the checks rendered for it, its instances.</summary>
    /// <param name="startedAt">The release's start: the soak's anchor.</param>
    /// <param name="name">The release's name, for <c>${release}</c>; null when it is not identified.</param>
    /// <param name="target">Its instances; null when the checklist doesn't identify the release.</param>
    /// <param name="schedule">A shorter schedule (a backtest's release superseded or not finished); null for the whole soak.</param>
    public SoakPlan ForRelease(DateTimeOffset startedAt, string? name, ReleaseTarget? target, SoakSchedule? schedule = null) =>
        new(schedule ?? Schedule(startedAt), Soak.IngestionLag, Soak.MaxConsecutiveErrors, Render(startedAt, name), target);

    /// <summary>The release section's queries as a preflight sends them (a stand-in release name), with their keys.</summary>
    public IEnumerable<(string Key, string Query)> ReleaseQueries()
    {
        if (ReleaseLookup is { } lookup)
        {
            yield return ("release.releases", lookup.ReleasesQuery);
            yield return ("release.instances", lookup.InstancesQuery("preflight"));
        }
    }

    /// <summary>
    /// Who the reports and messages name: the <c>service</c> variable (else <c>workload</c>, else <c>job</c>), the
    /// <c>namespace</c> variable (else the <c>job</c>, when it is not the service), and the release found.
    /// </summary>
    /// <param name="release">The release's name; null when not identified.</param>
    public ReleaseSubject Subject(string? release)
    {
        string? Var(string name) => _values.TryGetValue(name, out var value) && value is { Length: > 0 } ? value : null;
        var service = Var("service") ?? Var("workload") ?? Var("job");
        var job = Var("job") is { } j && j != service ? j : null;
        return new ReleaseSubject(service, Var("namespace"), job, release);
    }

    /// <summary>The soak's schedule for a release that started at <paramref name="deployedAt"/>.</summary>
    public SoakSchedule Schedule(DateTimeOffset deployedAt) => new(deployedAt, Soak.Duration, Soak.WarmUp, Soak.Interval, Soak.Extension);

    /// <summary>The soak's length in words, e.g. <c>30m</c>.</summary>
    public string SoakText => PromDuration.Format(Soak.Duration);

    private Dictionary<string, string> With(string name, string value) => new(_values, StringComparer.Ordinal) { [name] = value };
}
