using System.Globalization;
using System.Text.RegularExpressions;

namespace DeployVerifier.Quantities;

/// <summary>
/// A threshold as people write it (<c>1%</c>, <c>512MiB</c>, <c>512Mi</c>, <c>250ms</c>, <c>500m</c>, <c>0.5</c>), held in
/// base units. Bytes take the usual suffixes and Kubernetes' (<c>Ki/Mi/Gi/Ti</c> binary, <c>k/M/G/T</c> decimal);
/// <c>m</c> depends on the field's <see cref="QuantityKind"/>.
/// </summary>
public readonly partial record struct Quantity(double Value, QuantityUnit Unit)
{
    private static readonly Dictionary<string, (double Factor, QuantityUnit Unit)> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = (1, QuantityUnit.Number),
        ["%"] = (0.01, QuantityUnit.Ratio),
        ["B"] = (1, QuantityUnit.Bytes),
        ["KiB"] = (1024d, QuantityUnit.Bytes),
        ["MiB"] = (1024d * 1024, QuantityUnit.Bytes),
        ["GiB"] = (1024d * 1024 * 1024, QuantityUnit.Bytes),
        ["TiB"] = (1024d * 1024 * 1024 * 1024, QuantityUnit.Bytes),
        ["kB"] = (1e3, QuantityUnit.Bytes),
        ["KB"] = (1e3, QuantityUnit.Bytes),
        ["MB"] = (1e6, QuantityUnit.Bytes),
        ["GB"] = (1e9, QuantityUnit.Bytes),
        ["TB"] = (1e12, QuantityUnit.Bytes),
        ["Ki"] = (1024d, QuantityUnit.Bytes),
        ["Mi"] = (1024d * 1024, QuantityUnit.Bytes),
        ["Gi"] = (1024d * 1024 * 1024, QuantityUnit.Bytes),
        ["Ti"] = (1024d * 1024 * 1024 * 1024, QuantityUnit.Bytes),
        ["k"] = (1e3, QuantityUnit.Bytes),
        ["M"] = (1e6, QuantityUnit.Bytes),
        ["G"] = (1e9, QuantityUnit.Bytes),
        ["T"] = (1e12, QuantityUnit.Bytes),
        ["us"] = (1e-6, QuantityUnit.Seconds),
        ["µs"] = (1e-6, QuantityUnit.Seconds),
        ["ms"] = (1e-3, QuantityUnit.Seconds),
        ["s"] = (1, QuantityUnit.Seconds),
        ["min"] = (60, QuantityUnit.Seconds),
        ["h"] = (3600, QuantityUnit.Seconds),
    };

    [GeneratedRegex(@"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-zµ%]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    /// <summary>The suffixes a threshold may carry whatever the field, for error messages (<c>m</c> is told apart by <see cref="QuantityKind"/>).</summary>
    public static string KnownSuffixes => "%, B, KiB, MiB, GiB, TiB, Ki, Mi, Gi, Ti, kB, KB, MB, GB, TB, k, M, G, T, us, µs, ms, s, min, h";

    /// <summary>Parses a number with an optional unit suffix; unknown suffixes, NaN and infinities are refused.</summary>
    /// <param name="text">The value as written.</param>
    /// <param name="quantity">The value in base units.</param>
    /// <param name="kind">What the field holds, for <c>m</c>; default <see cref="QuantityKind.Any"/>, which refuses it.</param>
    public static bool TryParse(string? text, out Quantity quantity, QuantityKind kind = QuantityKind.Any) =>
        Problem(text ?? "", kind, out quantity) is null && text is not null;

    /// <summary>Why <paramref name="text"/> is not a quantity of <paramref name="kind"/> (what, and how to write it), or null with its value.</summary>
    public static string? Problem(string text, QuantityKind kind, out Quantity quantity)
    {
        ArgumentNullException.ThrowIfNull(text);
        quantity = default;
        var match = Syntax().Match(text);
        if (!match.Success
            || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
        {
            return $"'{text}' is not a quantity; use a number with one of {KnownSuffixes}, or none";
        }

        var suffix = match.Groups[2].Value;
        if (suffix == "m")
        {
            return Milli(match.Groups[1].Value, number, kind, out quantity);
        }

        if (!Suffixes.TryGetValue(suffix, out var known))
        {
            // A one-letter suffix is one edit from every other one-letter suffix: only longer ones get a hint (512mib: MiB).
            var hint = suffix.Length < 2 ? "" : Checklists.NameSuggestion.Hint(suffix, Suffixes.Keys.Where(k => k.Length > 1));
            return $"'{text}' is not a quantity; use a number with one of {KnownSuffixes}, or none{hint}";
        }

        quantity = new Quantity(number * known.Factor, known.Unit);
        return null;
    }

    /// <summary><c>m</c>: millicores for CPU, minutes for a duration; anywhere else a guess would be a silent bug.</summary>
    private static string? Milli(string digits, double number, QuantityKind kind, out Quantity quantity)
    {
        quantity = default;
        switch (kind)
        {
            case QuantityKind.Cpu:
                quantity = new Quantity(number / 1000, QuantityUnit.Number);
                return null;
            case QuantityKind.Seconds:
                quantity = new Quantity(number * 60, QuantityUnit.Seconds);
                return null;
            case QuantityKind.Bytes:
                return $"'{digits}m' is {Number(number / 1000)} bytes to Kubernetes (m is milli); did you mean {digits}Mi (mebibytes) or {digits}M (megabytes)?";
            default:
                return $"'{digits}m' is ambiguous; did you mean {digits}ms, {digits}min or {Number(number / 1000)} (cores)? "
                    + "(m is minutes only in a check with unit: seconds, millicores only in redundancy.capacity)";
        }
    }

    public override string ToString() => Format(Value, Unit);

    /// <summary>Writes a value in base units for people: <c>1.2%</c>, <c>812 MiB</c>, <c>240 ms</c>, <c>NaN</c>.</summary>
    public static string Format(double value, QuantityUnit unit)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        return unit switch
        {
            QuantityUnit.Ratio => Number(value * 100) + "%",
            QuantityUnit.Bytes => FormatBytes(value),
            QuantityUnit.Seconds => Math.Abs(value) < 1 ? Number(value * 1000) + " ms" : Number(value) + " s",
            _ => Number(value),
        };
    }

    /// <summary>A rate of change for people, per minute: "36 MiB/min", "0.5%/min".</summary>
    public static string FormatRatePerMinute(double perSecond, QuantityUnit unit) => Format(perSecond * 60, unit) + "/min";

    private static string FormatBytes(double bytes)
    {
        string[] prefixes = ["B", "KiB", "MiB", "GiB", "TiB"];
        var scaled = bytes;
        var index = 0;
        while (Math.Abs(scaled) >= 1024 && index < prefixes.Length - 1)
        {
            scaled /= 1024;
            index++;
        }

        return Number(scaled) + " " + prefixes[index];
    }

    private static string Number(double value)
    {
        var magnitude = Math.Abs(value);
        var digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return Math.Round(value, digits).ToString("0.###", CultureInfo.InvariantCulture);
    }
}
