using AligNet.Data;
using AligNet.Data.Startup;
using AligNet.Jobs;
using AligNet.Jobs.Schedules;
using AligNet.Pipelines;
using Hangfire;

namespace AligNet.Worker;

public static class WorkerHosting
{
    public static void AddAligNetWorker(this HostApplicationBuilder builder)
    {
        var connectionString = ConnectionStringValidator.Require(builder.Configuration);
        builder.Services.AddAligNetData(builder.Configuration);
        var options = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        builder.Services.AddAligNetJobStorage(connectionString, TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds));
        builder.Services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            server.Queues = options.Queues;
            // One accelerator, one training job at a time: parallel jobs would only fight over GPU memory.
            server.WorkerCount = options.WorkerCount;
        });

        builder.Services.AddAligNetPipelines(builder.Configuration);
        builder.Services.AddScheduleFiring();
    }
}
