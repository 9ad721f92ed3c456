using DeployVerifier.Checklists.Document;
using DeployVerifier.Quantities;

namespace DeployVerifier.Checklists.Validation;

/// <summary>A trend check's <c>trend</c>: its limit or limit query, horizon, windows and fleet.</summary>
internal sealed class TrendValidator(ScalarReader read)
{
    /// <param name="c">The check.</param>
    /// <param name="kind">The check's kind.</param>
    /// <param name="limitKind">What <c>limit</c> holds: the check's <c>unit:</c>, else bytes (a trend watches memory or disk).</param>
    public (TrendSettings?, Quantity?) Validate(CheckDocument c, CheckKind kind, QuantityKind limitKind)
    {
        var path = $"{c.Path}.trend";
        if (c.Trend is not { } t)
        {
            if (kind == CheckKind.Trend)
            {
                read.Error($"{c.Path}: a trend check needs trend.limit or trend.limitQuery", c.Type?.Location ?? c.Location);
            }

            return (null, null);
        }

        if (kind != CheckKind.Trend)
        {
            read.Error($"{path}: trend settings need 'type: trend'", t.Location);
        }

        var limit = read.QuantityValue(t.Limit, $"{path}.limit", limitKind);
        if (t.Limit is null && t.LimitQuery is null)
        {
            read.Error($"{path}: needs limit or limitQuery", t.Location);
        }
        else if (t.Limit is not null && t.LimitQuery is not null)
        {
            read.Error($"{path}: give limit or limitQuery, not both", t.LimitQuery.Location);
        }

        var window = read.Duration(t.Window, $"{path}.window", ChecklistDefaults.TrendWindow, positive: true);
        var resolution = read.Duration(t.Resolution, $"{path}.resolution", ChecklistDefaults.TrendResolution, positive: true, ChecklistLimits.MinStep);
        if (resolution >= window)
        {
            read.Error($"{path}.resolution: {PromDuration.Format(resolution)} is not shorter than trend.window ({PromDuration.Format(window)})",
                (t.Resolution ?? t.Window)?.Location ?? t.Location);
        }

        var settings = new TrendSettings(
            limit?.Value,
            t.LimitQuery?.Value,
            read.Duration(t.Horizon, $"{path}.horizon", ChecklistDefaults.TrendHorizon, positive: true),
            window,
            read.Duration(t.FloorWindow, $"{path}.floorWindow", ChecklistDefaults.TrendFloorWindow, positive: true),
            resolution);
        if (t.Fleet is { } f)
        {
            var growsWithLoad = f.GrowsWithLoad is null ? (bool?)null : read.Boolean(f.GrowsWithLoad, $"{path}.fleet.growsWithLoad", fallback: false);
            settings = settings with
            {
                Fleet = new FleetForecastSettings(growsWithLoad, f.Downtime is null ? null : read.Duration(f.Downtime, $"{path}.fleet.downtime", TimeSpan.Zero)),
            };
        }

        return (settings, limit);
    }
}
