using DeployVerifier.Checklists;
using DeployVerifier.Soak;

namespace DeployVerifier.Cli.Commands;

/// <summary>A loaded checklist with its queries rendered and the invocation's overrides applied.</summary>
internal sealed record PreparedChecklist(Checklist Checklist, IReadOnlyList<RenderedCheck> Checks, Uri? PrometheusUrl, SoakSettings Soak);
