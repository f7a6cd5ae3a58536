using AligNet.Data.Startup;

namespace AligNet.Worker;

internal static class Program
{
    public static Task<int> Main(string[] args) => StartupGuard.RunAsync("AligNet.Worker", async () =>
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddAligNetWorker();

        using var host = builder.Build();
        await DatabaseReadiness.EnsureReadyAsync(ConnectionStringValidator.Require(builder.Configuration));
        await host.RunAsync();
        return 0;
    });
}
