namespace DeployVerifier.Quantities;

/// <summary>
/// What a field holds, which decides what an ambiguous suffix means: <c>m</c> is millicores in a CPU field, minutes
/// in a duration, and refused elsewhere (<c>512m</c> of memory is 0.512 bytes to Kubernetes). It comes from the field
/// (<c>redundancy.capacity</c>: CPU cores; <c>trend.limit</c>: bytes) or the check's <c>unit:</c>.
/// </summary>
public enum QuantityKind
{
    /// <summary>Nothing known: every unambiguous suffix is taken, <c>m</c> is refused with the ways to write it.</summary>
    Any,

    /// <summary>A plain number (<c>unit: number</c>, <c>baseline.maxFactor</c>).</summary>
    Number,

    /// <summary>A share (<c>unit: ratio</c>, <c>maxUtilization</c>, <c>maxFailingShare</c>).</summary>
    Ratio,

    /// <summary>Memory or disk (<c>unit: bytes</c>, <c>trend.limit</c>): <c>m</c> is refused with a hint at <c>Mi</c>.</summary>
    Bytes,

    /// <summary>A duration (<c>unit: seconds</c>): <c>m</c> is minutes.</summary>
    Seconds,

    /// <summary>CPU cores (<c>redundancy.capacity</c>): <c>m</c> is millicores, as in Kubernetes (<c>500m</c> = 0.5).</summary>
    Cpu,
}
