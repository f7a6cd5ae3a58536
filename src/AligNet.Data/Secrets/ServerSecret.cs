namespace AligNet.Data.Secrets;

/// <summary>
/// A random key the server made for itself and keeps in the database so that every web instance, the worker and
/// the CLI share it (e.g. the key behind participant pseudonyms in exports). Never shown to anyone.
/// </summary>
public class ServerSecret
{
    public required string Name { get; set; }
    public required byte[] Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
