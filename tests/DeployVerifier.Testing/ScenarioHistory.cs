namespace DeployVerifier.Testing;

/// <summary>What was simulated for one <see cref="ReleaseSpec"/>: the pods and when things happened.</summary>
public sealed class ScenarioHistory
{
    internal ScenarioHistory(
        ReleaseSpec spec,
        IReadOnlyList<string> oldPods,
        IReadOnlyList<string> newPods,
        DateTimeOffset start,
        DateTimeOffset end,
        DateTimeOffset? firstNewPodCrash,
        IReadOnlyList<SimulatedSeries> series)
    {
        Spec = spec;
        OldPods = oldPods;
        NewPods = newPods;
        Start = start;
        End = end;
        FirstNewPodCrash = firstNewPodCrash;
        Series = series;
    }

    /// <summary>The spec simulated.</summary>
    public ReleaseSpec Spec { get; }

    /// <summary>Names of the old pods, <c>checkout-&lt;hash&gt;-&lt;suffix&gt;</c>, by index.</summary>
    public IReadOnlyList<string> OldPods { get; }

    /// <summary>Names of the new pods, with another template hash than the old ones, by index.</summary>
    public IReadOnlyList<string> NewPods { get; }

    /// <summary>The first sample time: deploy minus <see cref="ReleaseSpec.PreMinutes"/>, on the 15 s grid.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last sample time: at most deploy plus <see cref="ReleaseSpec.PostMinutes"/>.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The first crash or OOM kill of a new pod; null if none crashed.</summary>
    public DateTimeOffset? FirstNewPodCrash { get; }

    internal IReadOnlyList<SimulatedSeries> Series { get; }

    /// <summary>The pods running at the end, which the next release of a <see cref="ReleaseHistory.Sequence"/> replaces.</summary>
    internal ReleaseHistory.Running? RunningAtEnd { get; init; }
}
