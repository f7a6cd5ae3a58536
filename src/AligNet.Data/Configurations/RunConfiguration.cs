using AligNet.Domain.Generation;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> run)
    {
        run.ToTable("runs");
        run.Property(r => r.Parameters).HasColumnType("jsonb");
        run.Property(r => r.Progress).HasColumnType("jsonb");
        run.Property(r => r.OutputKey).HasMaxLength(400);
        run.Property(r => r.Worker).HasMaxLength(256);
        run.Property(r => r.JobId).HasMaxLength(64);
        run.Property(r => r.RequestedBy).HasMaxLength(256);
        run.Property(r => r.Outcome).HasMaxLength(4000);
        run.Property(r => r.LogTail).HasMaxLength(8000);
        run.Ignore(r => r.IsFinished);
        run.HasOne<Run>().WithMany().HasForeignKey(r => r.ParentRunId).OnDelete(DeleteBehavior.Restrict);
        run.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.SetNull);
        run.HasOne<AligNetDataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.SetNull);
        run.HasIndex(r => r.CreatedAt);
        run.HasIndex(r => new { r.Kind, r.State });
        run.HasIndex(r => r.StimulusSetId);
        run.HasIndex(r => new { r.ParentRunId, r.StepIndex });
        // Two queued or running runs that would write the same version are refused by the database itself.
        run.HasIndex(r => r.OutputKey).IsUnique().HasFilter("\"State\" IN ('Queued', 'Running')").HasDatabaseName(AligNet.Data.Runs.RunLedger.OneActivePerOutput);
    }
}
