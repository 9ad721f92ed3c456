using DeployVerifier.Analysis;
using DeployVerifier.Metrics;
using DeployVerifier.Quantities;

namespace DeployVerifier.Evaluation;

/// <summary>
/// When a leak would take the release's instances down one after another (see <see cref="Analysis.FleetCascade"/>),
/// projected at one evaluation: the first instance reaching its limit, and the last (the service is down).
/// </summary>
/// <param name="Instances">How many instances the projection spreads the traffic over.</param>
/// <param name="FirstInstanceAt">When the first instance reaches its limit, at the fitted rates.</param>
/// <param name="FirstEarliest">The same at every instance's fastest plausible rate (the slope's upper bound).</param>
/// <param name="FirstLatest">The same at the slowest (the lower bound); null when no instance's growth is significant.</param>
/// <param name="LastInstanceAt">When the last instance reaches its limit; null when one holds beyond the horizon.</param>
/// <param name="LastEarliest">The same at the fastest plausible rates.</param>
/// <param name="LastLatest">The same at the slowest; null when one instance's growth is not significant.</param>
/// <param name="Each">Each instance on its own, at its fitted rate with no traffic moved to it: the naive forecast is the latest of these.</param>
/// <param name="GrowsWithLoad">Whether survivors were taken to grow faster with the traffic they take over.</param>
/// <param name="Downtime">How long an instance that reaches its limit was taken to be out; null: for good.</param>
public sealed record FleetForecast(
    int Instances,
    DateTimeOffset FirstInstanceAt,
    DateTimeOffset? FirstEarliest,
    DateTimeOffset? FirstLatest,
    DateTimeOffset? LastInstanceAt,
    DateTimeOffset? LastEarliest,
    DateTimeOffset? LastLatest,
    IReadOnlyList<InstanceForecast> Each,
    bool GrowsWithLoad,
    TimeSpan? Downtime)
{
    /// <summary>The forecast in plain words (<see cref="Describe"/>), as the reports give it.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Projects the fleet from each instance's forecast at <paramref name="now"/>.</summary>
    /// <param name="instances">Every instance of the release, with its forecast; one without (too little history yet) is taken as not growing.</param>
    /// <returns>Null when no instance reaches its limit within the horizon.</returns>
    internal static FleetForecast? Project(IReadOnlyList<(Labels Labels, Forecast? Forecast)> instances, DateTimeOffset now, bool growsWithLoad,
        TimeSpan? downtime, TimeSpan horizon)
    {
        // A warm-up levels off below its limit: it does not grow towards it, whatever its slope so far.
        static double Rate(Forecast? f, Func<Forecast, double> slope) => f is null || f.LevellingOffAt is not null ? 0 : Math.Max(0, slope(f));
        IReadOnlyList<TimeSpan?> Run(Func<Forecast, double> slope, bool cascade) => FleetCascade.Project(
            instances.Select(i => (i.Forecast is { } f ? f.Limit - f.Level : 0, Rate(i.Forecast, slope))).ToList(),
            cascade && growsWithLoad, downtime, horizon);
        DateTimeOffset? At(TimeSpan? t) => t is { } span ? now + span : null;
        DateTimeOffset? First(IReadOnlyList<TimeSpan?> times) => times.Any(t => t is not null) ? now + times.Where(t => t is not null).Min()!.Value : null;
        DateTimeOffset? Last(IReadOnlyList<TimeSpan?> times) => times.All(t => t is not null) ? now + times.Max()!.Value : null;

        var central = Run(f => f.SlopePerSecond, cascade: true);
        if (First(central) is not { } first)
        {
            return null;
        }

        var fastest = Run(f => f.SlopeRange.Upper, cascade: true);
        var slowest = Run(f => f.SlopeRange.Lower, cascade: true);
        var alone = Run(f => f.SlopePerSecond, cascade: false);
        var each = instances.Select((instance, i) => new InstanceForecast(instance.Labels, At(alone[i]), At(central[i]))).ToList();
        return new FleetForecast(instances.Count, first, First(fastest), First(slowest), Last(central), Last(fastest), Last(slowest), each,
            growsWithLoad, downtime);
    }

    /// <summary>
    /// Plain words, e.g. "the first pod reaches its 1 GiB limit at about 14:09, the service would be down by about 14:18".
    /// The times are <see cref="ClockText.AboutMinute"/>'s, as the chart writes them.
    /// </summary>
    /// <param name="limit">The limit's words ("1 GiB"), or null when the instances' limits differ.</param>
    /// <param name="now">The evaluation's time, to name the day only when it is not the same.</param>
    /// <param name="horizon">The projection's reach, named when an instance holds beyond it.</param>
    public string Describe(string? limit, DateTimeOffset now, TimeSpan horizon)
    {
        var kind = Each.Count > 0 && Each.All(e => e.Labels["pod"] is not null) ? "pod" : "instance";
        var its = limit is null ? "its limit" : $"its {limit} limit";
        string Reaches(DateTimeOffset at) => at <= now ? $"has already reached {its}" : $"reaches {its} at about {Clock(at, now)}";
        if (Instances == 1)
        {
            return FirstInstanceAt <= now ? $"the only {kind} {Reaches(FirstInstanceAt)}" : $"the only {kind} {Reaches(FirstInstanceAt)}: the service would be down then";
        }

        var first = $"the first {kind} {Reaches(FirstInstanceAt)}";
        if (LastInstanceAt is not { } last)
        {
            return $"{first}; the others {(GrowsWithLoad ? "then carry its traffic and " : "")}hold beyond the {PromDuration.Format(horizon)} horizon";
        }

        var range = LastEarliest is { } soon && LastLatest is { } late && Clock(soon, now) != Clock(late, now)
            ? $" (between {Clock(soon, now)} and {Clock(late, now)})"
            : "";
        if (Clock(last, now) == Clock(FirstInstanceAt, now))
        {
            var all = limit is null ? "their limits" : $"their {limit} limit";
            return $"all {Instances} {kind}s reach {all} at about {Clock(last, now)}: the service would be down then{range}";
        }

        return $"{first}, the service would be down by about {Clock(last, now)}{range}";
    }

    private static string Clock(DateTimeOffset time, DateTimeOffset now) => ClockText.AboutMinute(time, now);
}

/// <summary>One instance in a fleet forecast.</summary>
/// <param name="Labels">The instance's series.</param>
/// <param name="AloneAt">When it reaches its limit on its own, at its fitted rate; null when it is not growing towards it within the horizon.</param>
/// <param name="InFleetAt">When it reaches it in the cascade; null when it holds within the horizon.</param>
public sealed record InstanceForecast(Labels Labels, DateTimeOffset? AloneAt, DateTimeOffset? InFleetAt);
