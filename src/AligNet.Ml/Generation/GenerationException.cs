namespace AligNet.Ml.Generation;

/// <summary>A generation request that cannot be carried out (bad input, a full disk, a foreign output folder). The message names the fix.</summary>
public sealed class GenerationException(string message, Exception? inner = null) : Exception(message, inner);
