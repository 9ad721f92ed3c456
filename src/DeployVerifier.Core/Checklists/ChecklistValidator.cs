using DeployVerifier.Checklists.Document;
using DeployVerifier.Checklists.Validation;

namespace DeployVerifier.Checklists;

/// <summary>
/// Turns a <see cref="ChecklistDocument"/> into a <see cref="Checklist"/>, collecting every error on the way: each
/// section has its validator (<c>Validation/</c>), all sharing one <see cref="ScalarReader"/>; here are only the order
/// and the rules that span sections.
/// </summary>
internal sealed class ChecklistValidator(ICollection<ChecklistError> errors)
{
    private readonly ScalarReader _read = new(errors);

    public Checklist? Validate(ChecklistDocument document)
    {
        var count = _read.ErrorCount;
        var prometheus = new PrometheusValidator(_read).Validate(document.Prometheus ?? new PrometheusDocument());
        var soak = new SoakValidator(_read).Validate(document.Soak ?? new SoakDocument());
        var vars = new VarsValidator(_read).Validate(document.Vars);
        var checkValidator = new CheckValidator(_read);
        var checks = checkValidator.ValidateAll(document, vars);
        var rollback = new RollbackValidator(_read).Validate(document.Rollback);
        var release = new ReleaseValidator(_read).Validate(document.Release, vars);
        var notify = new NotifyValidator(_read).Validate(document.Notify);
        if (document.Rollback?.Kubernetes is { } kubernetes && document.Release is null)
        {
            _read.Error("rollback.kubernetes: needs the release section: it undoes only the judged release, and refuses when the Deployment has moved on"
                + " (release.label names the ReplicaSet, e.g. the replicaset label of kube_replicaset_created)", kubernetes.Location);
        }

        if (release is null)
        {
            foreach (var c in document.Checks ?? [])
            {
                checkValidator.RequireReleaseSection(c);
            }
        }

        return _read.ErrorCount == count ? new Checklist(prometheus, soak, vars, checks, rollback) { Release = release, Notify = notify } : null;
    }
}
