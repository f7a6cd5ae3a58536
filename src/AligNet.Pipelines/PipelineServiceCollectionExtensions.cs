using AligNet.Data.Runs;
using AligNet.Data.Startup;
using AligNet.Jobs;
using AligNet.Pipelines.Diagnostics;
using AligNet.Pipelines.Embeddings;
using AligNet.Pipelines.Evaluation;
using AligNet.Pipelines.Generation;
using AligNet.Pipelines.Runs;
using AligNet.Pipelines.Students;
using AligNet.Pipelines.Teachers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Pipelines;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The implementations of the job contracts in AligNet.Jobs, for the host that runs them. The storage roots are
    /// validated here (absolute, writable, both required): this host writes artifacts.
    /// </summary>
    public static IServiceCollection AddAligNetPipelines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorageRoots(configuration, required: true);
        services.AddSingleton<RunProgressWriter>();
        services.AddTransient<RunExecutor>();
        var queueSettings = RunQueueGate.ReadSettings(configuration);
        services.AddTransient(sp => new RunQueueGate(queueSettings.Limits, queueSettings.RetryDelay, sp.GetRequiredService<Hangfire.IBackgroundJobClient>()));
        services.AddTransient<IDeviceProbeJob, DeviceProbeJob>();
        services.AddRunKind<IStimulusEmbeddingJob, StimulusEmbeddingJob>();
        services.AddRunKind<ITeacherTrainingJob, TeacherTrainingJob>();
        services.AddRunKind<IAligNetDataJob, AligNetDataJob>();
        services.AddRunKind<IStudentTrainingJob, StudentTrainingJob>();
        services.AddPrefixCachePruning(configuration);
        services.AddRunKind<IModelEvaluationJob, ModelEvaluationJob>();
        services.AddRunKind<IAdaptiveRefillJob, Sampling.AdaptiveRefillJob>();
        return services;
    }

    /// <summary>Registers a run kind's job: the class implements both its contract and <see cref="IRunPipeline{T}"/>.</summary>
    public static IServiceCollection AddRunKind<TContract, TJob>(this IServiceCollection services)
        where TContract : class, IRunJob where TJob : class, TContract
    {
        services.AddTransient<TContract, TJob>();
        return services;
    }
}
