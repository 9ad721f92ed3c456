using DeployVerifier.Checklists;
using DeployVerifier.Queries;

namespace DeployVerifier.Plans;

/// <summary>
/// A check with its placeholders replaced: the queries as they are sent, but for the late built-ins. <see cref="LimitQuery"/>
/// is a trend's <c>limitQuery</c> or a redundancy check's <c>capacityQuery</c>: each instance's bound, matched on shared labels.
/// </summary>
public sealed record RenderedCheck(CheckDefinition Check, QueryText Query, QueryText? EvidenceQuery, QueryText? LimitQuery)
{
    /// <summary>Every query of the check, with its key, for the preflight.</summary>
    public IEnumerable<(string Role, QueryText Query)> Queries()
    {
        yield return ("query", Query);
        if (EvidenceQuery is not null)
        {
            yield return ("evidence.query", EvidenceQuery);
        }

        if (LimitQuery is not null)
        {
            yield return (Check.LimitQuery!.Value.Key, LimitQuery);
        }
    }
}
