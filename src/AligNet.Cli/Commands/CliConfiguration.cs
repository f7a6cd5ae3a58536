using AligNet.Data.Startup;
using Microsoft.Extensions.Configuration;

namespace AligNet.Cli.Commands;

/// <summary>The CLI reads the same settings as the hosts: environment variables (ConnectionStrings__AligNet).</summary>
internal static class CliConfiguration
{
    public static IConfiguration Build() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static string ConnectionString() => ConnectionStringValidator.Require(Build());
}
