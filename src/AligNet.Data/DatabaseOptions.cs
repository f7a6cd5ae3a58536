namespace AligNet.Data;

/// <summary>Where the database lives. Bound from <c>ConnectionStrings:AligNet</c>.</summary>
public static class DatabaseOptions
{
    public const string ConnectionStringName = "AligNet";
    public const string ConfigurationKey = "ConnectionStrings:" + ConnectionStringName;
    public const string EnvironmentVariable = "ConnectionStrings__" + ConnectionStringName;
    public const string Example = "Host=127.0.0.1;Port=55432;Database=alignet;Username=alignet";
}
