using DeployVerifier.Checklists.Document;
using DeployVerifier.Checklists.Validation;

namespace DeployVerifier.Checklists;

/// <summary>
/// Turns a <see cref="ChecklistDocument"/> into a <see cref="Checklist"/>, collecting every error on the way: each
/// section has its validator (<c>Validation/</c>), all sharing one <see cref="ScalarReader"/>; here are only the order
/// and the rules that span sections.
/// </summary>
/// <param name="errors">Where every error goes.</param>
/// <param name="given">The values of <c>--var</c>, for fields written <c>${name}</c> (<see cref="ScalarVariables"/>); none by default.</param>
internal sealed class ChecklistValidator(ICollection<ChecklistError> errors, IReadOnlyDictionary<string, string>? given = null)
{
    public Checklist? Validate(ChecklistDocument document)
    {
        var read = new ScalarReader(errors, new ScalarVariables(document.Vars, given ?? new Dictionary<string, string>()));
        var count = read.ErrorCount;
        var prometheus = new PrometheusValidator(read).Validate(document.Prometheus ?? new PrometheusDocument());
        var soak = new SoakValidator(read).Validate(document.Soak ?? new SoakDocument());
        var vars = new VarsValidator(read).Validate(document.Vars);
        var checkValidator = new CheckValidator(read);
        var checks = checkValidator.ValidateAll(document, vars);
        var rollback = new RollbackValidator(read).Validate(document.Rollback);
        var release = new ReleaseValidator(read).Validate(document.Release, vars);
        var notify = new NotifyValidator(read).Validate(document.Notify);
        if (document.Rollback?.Kubernetes is { } kubernetes && document.Release is null)
        {
            read.Error("rollback.kubernetes: needs the release section: it undoes only the judged release, and refuses when the Deployment has moved on"
                + " (release.label names the ReplicaSet, e.g. the replicaset label of kube_replicaset_created)", kubernetes.Location);
        }

        if (release is null)
        {
            foreach (var c in document.Checks ?? [])
            {
                checkValidator.RequireReleaseSection(c);
            }
        }

        return read.ErrorCount == count ? new Checklist(prometheus, soak, vars, checks, rollback) { Release = release, Notify = notify } : null;
    }
}
