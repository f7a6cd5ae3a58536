using AligNet.Data;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Integration.Tests.Access;

/// <summary>The staff account operations on a given database, wired as the CLI wires them (another process than the web app).</summary>
internal sealed class AccountServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public AccountServices(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:AligNet"] = connectionString }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAligNetData(configuration);
        services.AddAligNetIdentityCore();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider()); // as the CLI does
        provider = services.BuildServiceProvider();
    }

    /// <summary>Runs one operation in its own scope, as the admin page does.</summary>
    public async Task<T> RunAsync<T>(Func<StaffAccounts, Task<T>> operation)
    {
        await using var scope = provider.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
