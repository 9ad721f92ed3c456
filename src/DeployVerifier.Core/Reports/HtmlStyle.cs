namespace DeployVerifier.Reports;

/// <summary>The page's stylesheet: system fonts only, nothing fetched. Colours are backed by words and marks, never alone.</summary>
internal static class HtmlStyle
{
    public const string Css = """

        :root { --passed: #1a7f37; --failed: #b42318; --inconclusive: #9a5b00; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif; color: var(--ink); background: #f6f8fa; }
        main, footer { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
        header.verdict { display: flex; align-items: center; gap: 24px; padding: 28px max(24px, calc(50% - 496px)); color: #fff; }
        header.passed { background: var(--passed); }
        header.failed { background: var(--failed); }
        header.inconclusive { background: var(--inconclusive); }
        header .mark { margin: 0; font-size: 64px; line-height: 1; font-weight: 700; }
        header h1 { margin: 0; font-size: 34px; line-height: 1.2; }
        header .when { margin: 6px 0 0; opacity: 0.92; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 24px; margin: 20px 0; }
        section.check.failed { border-left: 6px solid var(--failed); }
        section.check.inconclusive, section.check.error { border-left: 6px solid var(--inconclusive); }
        section.check.passed { border-left: 6px solid var(--passed); }
        h2 { font-size: 20px; margin: 4px 0 10px; }
        .reasons { font-size: 17px; padding-left: 20px; }
        .reasons li { margin: 4px 0; }
        .reasons .details { font-size: 14px; color: var(--muted); }
        .rollback { font-size: 16px; padding: 8px 12px; border-radius: 6px; background: #eef1f4; margin: 12px 0 4px; }
        .rollback.failed { background: #fde2e1; color: var(--failed); }
        .rollback-action { margin: 2px 12px; color: var(--muted); font-size: 14px; }
        .reason { font-size: 16px; margin: 0 0 8px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.details th { width: 140px; color: var(--muted); font-weight: 600; }
        a { color: inherit; }
        .status { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 14px; font-weight: 600; color: #fff; white-space: nowrap; }
        .status.passed { background: var(--passed); }
        .status.failed { background: var(--failed); }
        .status.inconclusive, .status.error { background: var(--inconclusive); }
        figure { margin: 8px 0 12px; }
        svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
        .plot { fill: #fff; stroke: var(--line); }
        .grid { stroke: #eaeef2; }
        .axis { font-size: 12px; fill: var(--muted); }
        .halo { paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
        .series { fill: none; stroke-width: 1.6; stroke-linejoin: round; opacity: 0.85; }
        .series.deciding { stroke-width: 3; opacity: 1; }
        .series-label { font-size: 13px; font-weight: 700; }
        .threshold { stroke: var(--failed); stroke-width: 2; stroke-dasharray: 8 4; }
        .threshold.effective { stroke-dasharray: 2 3; }
        .threshold-label, .threshold.effective-label { font-size: 12px; font-weight: 600; fill: var(--failed); }
        .limit { stroke: #000; stroke-width: 2.5; }
        .limit-label { font-size: 13px; font-weight: 700; fill: #000; }
        .forecast { stroke: var(--failed); stroke-width: 2.5; stroke-dasharray: 6 4; }
        .forecast-range { fill: var(--failed); opacity: 0.1; }
        .forecast-point { fill: var(--failed); }
        .forecast-label { font-size: 14px; font-weight: 700; fill: var(--failed); }
        .failing { fill: var(--failed); opacity: 0.07; }
        .deploy { stroke: var(--muted); stroke-width: 1.5; }
        .deploy-label, .soak-end-label { font-size: 12px; fill: var(--muted); }
        .decision { stroke: var(--ink); stroke-width: 2; }
        .decision-label { font-size: 13px; font-weight: 700; fill: var(--ink); }
        .soak-end { stroke: var(--muted); stroke-dasharray: 3 3; }
        .fleet-down { stroke: var(--failed); stroke-width: 1.5; stroke-dasharray: 2 3; }
        .fleet-down-label { font-size: 12px; font-weight: 700; fill: var(--failed); }
        .empty { font-size: 16px; fill: var(--muted); }
        .tick-passed { fill: #009E73; }
        .tick-failed { fill: #cf222e; }
        .tick-error { fill: #8250df; }
        .tick-unjudged { fill: #c4cbd3; }
        .legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; }
        .legend em { color: var(--muted); }
        .legend .swatch { display: inline-block; width: 18px; height: 4px; margin: 0 6px 3px 0; vertical-align: middle; border-radius: 2px; }
        .legend .note, .legend .more { color: var(--muted); flex-basis: 100%; }
        footer { color: var(--muted); font-size: 13px; padding-bottom: 32px; }

        """;
}
