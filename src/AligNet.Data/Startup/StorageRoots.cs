using AligNet.Data.Models;
using AligNet.Data.Stimuli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Data.Startup;

/// <summary>
/// The two folders every host shares: stimulus images (<c>Stimuli__Root</c>) and model artifacts
/// (<c>Artifacts__Root</c>), checked once at start-up: absolute (a relative path lands under each program's own
/// bin/ folder, where a clean deletes files whose rows stay) and writable. A host that writes artifacts
/// (the worker) must be given both; others fall back to <c>.run/…</c> under the working directory when unset.
/// </summary>
public sealed record StorageRoots(string Stimuli, string Artifacts)
{
    public static StorageRoots Validate(IConfiguration configuration, bool required)
    {
        return new StorageRoots(
            Check(configuration, StimulusStoreOptions.Section, required),
            Check(configuration, ArtifactStoreOptions.Section, required));
    }

    private static string Check(IConfiguration configuration, string section, bool required)
    {
        var setting = $"{section}__Root";
        var value = configuration[$"{section}:Root"];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) throw new StartupException($"{setting} is not set. Give it an absolute folder shared by web, worker and CLI, e.g. {setting}=/srv/alignet/{section.ToLowerInvariant()} (deploy/run.sh sets it under .run/).");
            value = Path.GetFullPath(Path.Combine(".run", section.ToLowerInvariant()));
        }
        else if (!Path.IsPathFullyQualified(value))
        {
            throw new StartupException($"{setting} is '{value}', a relative path; give an absolute folder (e.g. {Path.GetFullPath(value)}), the same for web, worker and CLI.");
        }
        try
        {
            Directory.CreateDirectory(value);
            var probe = Path.Combine(value, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{setting} '{value}' is not a writable folder ({ex.Message}); create it and give this program's user write access.", ex);
        }
        return value;
    }
}

public static class StorageRootsServiceCollectionExtensions
{
    /// <summary>Validates the roots now (a <see cref="StartupException"/> stops the host) and binds both options to them.</summary>
    public static IServiceCollection AddStorageRoots(this IServiceCollection services, IConfiguration configuration, bool required)
    {
        var roots = StorageRoots.Validate(configuration, required);
        services.AddSingleton(roots);
        services.AddOptions<StimulusStoreOptions>().Bind(configuration.GetSection(StimulusStoreOptions.Section)).PostConfigure(o => o.Root = roots.Stimuli);
        services.AddOptions<ArtifactStoreOptions>().Bind(configuration.GetSection(ArtifactStoreOptions.Section)).PostConfigure(o => o.Root = roots.Artifacts);
        return services;
    }
}
