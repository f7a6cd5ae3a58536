using AligNet.Data.Models;
using AligNet.Data.Stimuli;
using AligNet.Jobs;
using AligNet.Pipelines.Diagnostics;
using AligNet.Pipelines.Embeddings;
using AligNet.Pipelines.Generation;
using AligNet.Pipelines.Students;
using AligNet.Pipelines.Teachers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Pipelines;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>The implementations of the job contracts in AligNet.Jobs, for the host that runs them.</summary>
    public static IServiceCollection AddAligNetPipelines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StimulusStoreOptions>().Bind(configuration.GetSection(StimulusStoreOptions.Section));
        services.AddTransient<IDeviceProbeJob, DeviceProbeJob>();
        services.AddTransient<IStimulusEmbeddingJob, StimulusEmbeddingJob>();
        services.AddOptions<ArtifactStoreOptions>().Bind(configuration.GetSection(ArtifactStoreOptions.Section));
        services.AddTransient<ITeacherTrainingJob, TeacherTrainingJob>();
        services.AddTransient<IAligNetDataJob, AligNetDataJob>();
        services.AddTransient<IStudentTrainingJob, StudentTrainingJob>();
        return services;
    }
}
