namespace DeployVerifier.Measurements;

/// <summary>A check's level before the deploy (null when that window had no data) and where it came from.</summary>
public sealed record BaselineInfo(double? Value, string Note);
