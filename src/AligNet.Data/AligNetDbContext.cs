using AligNet.Data.Identity;
using AligNet.Domain.Audit;
using AligNet.Domain.Generation;
using AligNet.Domain.Judgments;
using AligNet.Domain.Models;
using AligNet.Domain.Participation;
using AligNet.Domain.Runs;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data;

/// <summary>
/// The platform's one database context: research data and the Identity tables, all in schema
/// <see cref="Schema"/> so Hangfire's own schema can never collide with ours.
/// </summary>
public class AligNetDbContext(DbContextOptions<AligNetDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public const string Schema = "alignet";

    /// <summary>The assembly that holds the migrations (the project under <c>migrations/</c>).</summary>
    public const string MigrationsAssembly = "AligNet.Migrations";

    public DbSet<StimulusSet> StimulusSets => Set<StimulusSet>();
    public DbSet<Stimulus> Stimuli => Set<Stimulus>();
    public DbSet<Study> Studies => Set<Study>();
    public DbSet<FixedTrial> FixedTrials => Set<FixedTrial>();
    public DbSet<StudyMember> StudyMembers => Set<StudyMember>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<ParticipantSession> Sessions => Set<ParticipantSession>();
    public DbSet<Trial> Trials => Set<Trial>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<AligNet.Domain.Designs.StudyPairCount> PairCoverage => Set<AligNet.Domain.Designs.StudyPairCount>();
    public DbSet<AligNet.Domain.Designs.AdaptiveQueueItem> AdaptiveQueue => Set<AligNet.Domain.Designs.AdaptiveQueueItem>();
    public DbSet<RejectedResponse> RejectedResponses => Set<RejectedResponse>();
    public DbSet<StimulusEmbedding> Embeddings => Set<StimulusEmbedding>();
    public DbSet<TripletDataset> TripletDatasets => Set<TripletDataset>();
    public DbSet<ImportedTriplet> ImportedTriplets => Set<ImportedTriplet>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<AligNetDataset> AligNetDatasets => Set<AligNetDataset>();
    public DbSet<ModelEvaluation> ModelEvaluations => Set<ModelEvaluation>();

    /// <summary>Every piece of background work with its lifecycle (<see cref="Run"/>).</summary>
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<RunCurvePoint> RunCurvePoints => Set<RunCurvePoint>();
    public DbSet<RunSchedule> RunSchedules => Set<RunSchedule>();
    public DbSet<QueueLimit> QueueLimits => Set<QueueLimit>();

    /// <summary>Append-only record of staff actions (<see cref="AuditEntry"/>).</summary>
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Keys the server made for itself (<see cref="Secrets.ServerSecret"/>), e.g. for export pseudonyms.</summary>
    public DbSet<Secrets.ServerSecret> ServerSecrets => Set<Secrets.ServerSecret>();

    /// <summary>Failed sign-ins per client address, for the sign-in throttle of every web instance.</summary>
    public DbSet<Identity.SignInFailures> SignInFailures => Set<Identity.SignInFailures>();

    /// <summary>Keys that protect sign-in cookies and antiforgery tokens, shared by every web instance and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>A context outside dependency injection (migration runner, start-up checks, CLI).</summary>
    public static AligNetDbContext Create(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AligNetDbContext>();
        DataServiceCollectionExtensions.Configure(options, connectionString);
        return new AligNetDbContext(options.Options);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.ApplyConfigurationsFromAssembly(typeof(AligNetDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as strings: readable in SQL and in exports, and safe against reordering the enum.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
