using AligNet.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class ModelEvaluationConfiguration : IEntityTypeConfiguration<ModelEvaluation>
{
    public void Configure(EntityTypeBuilder<ModelEvaluation> evaluation)
    {
        evaluation.ToTable("model_evaluations");
        evaluation.Property(e => e.Split).HasMaxLength(50);
        evaluation.Property(e => e.Report).HasColumnType("jsonb");
        evaluation.Property(e => e.RequestedBy).HasMaxLength(256);
        evaluation.HasOne<ModelVersion>().WithMany().HasForeignKey(e => e.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        evaluation.HasIndex(e => new { e.ModelVersionId, e.CreatedAt });
    }
}
