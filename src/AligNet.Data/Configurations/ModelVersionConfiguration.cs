using AligNet.Domain.Models;
using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> model)
    {
        model.ToTable("model_versions");
        model.Property(m => m.BaseModel).HasMaxLength(100);
        model.Property(m => m.BaseModelVersion).HasMaxLength(100);
        model.Property(m => m.DataSnapshot).HasColumnType("jsonb");
        model.Property(m => m.HyperParameters).HasColumnType("jsonb");
        model.Property(m => m.Metrics).HasColumnType("jsonb");
        model.Property(m => m.TrainingCurve).HasColumnType("jsonb");
        model.Property(m => m.ArtifactPath).HasMaxLength(1000);
        model.Property(m => m.PromotedBy).HasMaxLength(256);
        model.Property(m => m.CreatedBy).HasMaxLength(256);
        model.HasOne<StimulusSet>().WithMany().HasForeignKey(m => m.StimulusSetId).OnDelete(DeleteBehavior.Restrict);
        model.HasIndex(m => new { m.StimulusSetId, m.Kind, m.CreatedAt });
        // The database, not the application, guarantees one active version per set and kind, even under concurrent promotions.
        model.HasIndex(m => new { m.StimulusSetId, m.Kind }).IsUnique().HasFilter("\"IsActive\"").HasDatabaseName("ux_model_versions_one_active");
    }
}
