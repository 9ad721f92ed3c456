using System.Globalization;
using DeployVerifier.Checklists.Document;
using DeployVerifier.Queries;
using DeployVerifier.Releases;

namespace DeployVerifier.Checklists;

/// <summary>The <c>release</c> section: how releases and their instances are found, how series pair, and how long a live run waits.</summary>
internal sealed partial class ChecklistValidator
{
    private ReleaseSettings? ValidateRelease(ReleaseDocument? r, Dictionary<string, string?> vars)
    {
        if (r is null)
        {
            return null;
        }

        var count = errors.Count;
        var releases = ReleaseQuery(r.Releases, "release.releases", r.Location, vars,
            [BuiltInVariables.Release, BuiltInVariables.ReleaseInstances, BuiltInVariables.DeployedAt, BuiltInVariables.DeployedAtUnix, BuiltInVariables.SinceDeploy],
            "it finds the releases, so it can't depend on one");
        var instances = ReleaseQuery(r.Instances, "release.instances", r.Location, vars,
            [BuiltInVariables.ReleaseInstances, BuiltInVariables.SinceDeploy],
            "it lists the instances of ${release} over a range");
        var label = LabelName(r.Label, "release.label", r.Location, "the label of release.releases that names a release, e.g. replicaset");
        var instanceLabel = LabelName(r.InstanceLabel, "release.instanceLabel", r.Location, "the label of release.instances that names an instance, e.g. pod");
        if (instances is not null && !QueryTemplate.Find(instances).Any(u => u.Name == BuiltInVariables.Release))
        {
            Error("release.instances: must use ${release} to select the instances of one release, e.g. kube_pod_owner{owner_name=\"${release}\"}",
                r.Instances!.Location);
        }

        var matchOn = LabelList(r.MatchOn, "release.matchOn");
        string? freshness = null;
        if (r.Freshness is { } fresh)
        {
            freshness = ReleaseQuery(fresh, "release.freshness", r.Location, vars,
                [BuiltInVariables.Release, BuiltInVariables.ReleaseInstances, BuiltInVariables.DeployedAt, BuiltInVariables.DeployedAtUnix, BuiltInVariables.SinceDeploy],
                "it is read before the release is known");
            if (freshness is not null && FreshnessSelector.Find(freshness) is null)
            {
                Error("release.freshness: is not a series selector; give one such as kube_replicaset_created{namespace=\"${namespace}\"}", fresh.Location);
            }
        }

        var waitFor = Duration(r.WaitFor, "release.waitFor", ChecklistDefaults.ReleaseWaitFor, positive: true, max: ChecklistLimits.MaxReleaseWaitFor);
        return errors.Count == count
            ? new ReleaseSettings(releases!, label!, instances!, instanceLabel!, r.Location) { MatchOn = matchOn, Freshness = freshness, WaitFor = waitFor }
            : null;
    }

    private string? ReleaseQuery(DocumentScalar? query, string key, SourceLocation section, Dictionary<string, string?> vars, string[] forbidden, string why)
    {
        if (query is null || string.IsNullOrWhiteSpace(query.Value))
        {
            Error($"{key}: is required in the release section", query?.Location ?? section);
            return null;
        }

        var known = vars.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
        foreach (var error in QueryVariables.CheckUses(query.Value, key, query.Location, known, vars.Keys))
        {
            errors.Add(error);
        }

        foreach (var name in QueryTemplate.Find(query.Value).Select(u => u.Name).Where(forbidden.Contains).Distinct())
        {
            Error($"{key}: '${{{name}}}' can't be used here: {why}", query.Location);
        }

        return query.Value;
    }

    private string? LabelName(DocumentScalar? scalar, string key, SourceLocation section, string what)
    {
        if (scalar is null || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error($"{key}: is required in the release section: {what}", scalar?.Location ?? section);
            return null;
        }

        if (!Identifier().IsMatch(scalar.Value))
        {
            Error($"{key}: '{scalar.Value}' is not a label name; use letters, digits and _ (not first)", scalar.Location);
            return null;
        }

        return scalar.Value;
    }

    /// <summary><c>matchOn</c>: a non-empty list of distinct label names; null when the key is absent.</summary>
    private List<string>? LabelList(DocumentSequence? sequence, string path)
    {
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            Error($"{path}: must name at least one label, e.g. [namespace, pod]; leave it out for the default pairing", sequence.Location);
            return null;
        }

        var labels = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (item is not DocumentScalar { IsNull: false } scalar || !Identifier().IsMatch(scalar.Value) || scalar.Value.StartsWith("__", StringComparison.Ordinal))
            {
                Error($"{at}: expected a label name (letters, digits and _, not first), e.g. pod", item.Location);
            }
            else if (labels.Contains(scalar.Value, StringComparer.Ordinal))
            {
                Error($"{at}: '{scalar.Value}' is listed twice", scalar.Location);
            }
            else
            {
                labels.Add(scalar.Value);
            }
        }

        return labels;
    }
}
