using DeployVerifier.Checklists.Document;
using DeployVerifier.Queries;
using DeployVerifier.Releases;

namespace DeployVerifier.Checklists.Validation;

/// <summary>The <c>release</c> section: how releases and their instances are found, how series pair, and how long a live run waits.</summary>
internal sealed class ReleaseValidator(ScalarReader read)
{
    public ReleaseSettings? Validate(ReleaseDocument? r, Dictionary<string, string?> vars)
    {
        if (r is null)
        {
            return null;
        }

        var count = read.ErrorCount;
        var releases = ReleaseQuery(r.Releases, "release.releases", r.Location, vars,
            [BuiltInVariables.Release, BuiltInVariables.ReleaseInstances, BuiltInVariables.DeployedAt, BuiltInVariables.DeployedAtUnix, BuiltInVariables.SinceDeploy],
            "it finds the releases, so it can't depend on one");
        var instances = ReleaseQuery(r.Instances, "release.instances", r.Location, vars,
            [BuiltInVariables.ReleaseInstances, BuiltInVariables.SinceDeploy],
            "it lists the instances of ${release} over a range");
        var label = read.LabelName(r.Label, "release.label", r.Location, "the label of release.releases that names a release, e.g. replicaset");
        var instanceLabel = read.LabelName(r.InstanceLabel, "release.instanceLabel", r.Location, "the label of release.instances that names an instance, e.g. pod");
        if (instances is not null && !QueryTemplate.Find(instances).Any(u => u.Name == BuiltInVariables.Release))
        {
            read.Error("release.instances: must use ${release} to select the instances of one release, e.g. kube_pod_owner{owner_name=\"${release}\"}",
                r.Instances!.Location);
        }

        var matchOn = read.LabelList(r.MatchOn, "release.matchOn");
        string? freshness = null;
        if (r.Freshness is { } fresh)
        {
            freshness = ReleaseQuery(fresh, "release.freshness", r.Location, vars,
                [BuiltInVariables.Release, BuiltInVariables.ReleaseInstances, BuiltInVariables.DeployedAt, BuiltInVariables.DeployedAtUnix, BuiltInVariables.SinceDeploy],
                "it is read before the release is known");
            if (freshness is not null && FreshnessSelector.Find(freshness) is null)
            {
                read.Error("release.freshness: is not a series selector; give one such as kube_replicaset_created{namespace=\"${namespace}\"}", fresh.Location);
            }
        }

        var waitFor = read.Duration(r.WaitFor, "release.waitFor", ChecklistDefaults.ReleaseWaitFor, positive: true, max: ChecklistLimits.MaxReleaseWaitFor);
        var lookback = read.Duration(r.Lookback, "release.lookback", ChecklistDefaults.ReleaseLookback, positive: true,
            min: ChecklistLimits.MinReleaseLookback, max: ChecklistLimits.MaxReleaseLookback);
        return read.ErrorCount == count
            ? new ReleaseSettings(releases!, label!, instances!, instanceLabel!, r.Location)
            {
                MatchOn = matchOn, Freshness = freshness, WaitFor = waitFor, Lookback = lookback,
            }
            : null;
    }

    private string? ReleaseQuery(DocumentScalar? query, string key, SourceLocation section, Dictionary<string, string?> vars, string[] forbidden, string why)
    {
        if (query is null || string.IsNullOrWhiteSpace(query.Value))
        {
            read.Error($"{key}: is required in the release section", query?.Location ?? section);
            return null;
        }

        var known = vars.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
        foreach (var error in QueryVariables.CheckUses(query.Value, key, query.Location, known, vars.Keys))
        {
            read.Add(error);
        }

        foreach (var name in QueryTemplate.Find(query.Value).Select(u => u.Name).Where(forbidden.Contains).Distinct())
        {
            read.Error($"{key}: '${{{name}}}' can't be used here: {why}", query.Location);
        }

        return query.Value;
    }
}
