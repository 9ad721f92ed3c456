namespace DeployVerifier.Queries;

/// <summary>A piece of a <see cref="QueryText"/>: rendered text, or a slot for a late built-in.</summary>
/// <param name="Text">The rendered text (empty for a slot).</param>
/// <param name="Slot">The late built-in's name, or null for text.</param>
/// <param name="Quote">The quote of the string literal around the slot, or null outside any literal.</param>
internal sealed record QueryPart(string Text, string? Slot, char? Quote);
