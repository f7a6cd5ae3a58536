namespace AligNet.Ml.Students;

/// <summary>Input a student cannot be trained or applied on; the message names the fix.</summary>
public sealed class StudentDataException(string message, Exception? inner = null) : Exception(message, inner);
