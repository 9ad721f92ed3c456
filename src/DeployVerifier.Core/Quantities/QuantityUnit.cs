namespace DeployVerifier.Quantities;

/// <summary>What a check's values measure; decides how they are written for people. Values are in base units.</summary>
public enum QuantityUnit
{
    /// <summary>A plain number (a count, a rate).</summary>
    Number,

    /// <summary>A ratio, written as a percentage (<c>0.01</c> is <c>1%</c>).</summary>
    Ratio,

    /// <summary>Bytes, written with binary prefixes (<c>512MiB</c>).</summary>
    Bytes,

    /// <summary>Seconds, written as <c>250ms</c> or <c>1.5s</c>.</summary>
    Seconds,
}
