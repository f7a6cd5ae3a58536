using AligNet.TestSupport;

namespace AligNet.Integration.Tests;

/// <summary>One real web process (own database, known admin) shared by the tests of a class.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public WebApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await WebApp.StartAsync();

    public ValueTask DisposeAsync() => App?.DisposeAsync() ?? ValueTask.CompletedTask;
}
