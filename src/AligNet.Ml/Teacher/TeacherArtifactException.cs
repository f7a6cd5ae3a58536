namespace AligNet.Ml.Teacher;

/// <summary>A teacher artifact that cannot be used: missing, corrupt, foreign, or trained on other embeddings. The message names the fix.</summary>
public sealed class TeacherArtifactException(string message) : Exception(message);
