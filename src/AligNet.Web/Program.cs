using AligNet.Data.Startup;
using AligNet.Web.Hosting;

return await StartupGuard.RunAsync("AligNet.Web", async () =>
{
    var builder = WebApplication.CreateBuilder(WebHosting.Options(args));
    builder.AddAligNetWeb();

    var app = builder.Build();
    await app.RunPreflightAsync();
    app.UseAligNetPipeline();
    app.MapAligNetEndpoints();

    await app.RunGuardedAsync();
    return 0;
});
