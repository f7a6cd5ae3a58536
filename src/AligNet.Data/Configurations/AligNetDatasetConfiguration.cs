using AligNet.Domain.Generation;
using AligNet.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class AligNetDatasetConfiguration : IEntityTypeConfiguration<AligNetDataset>
{
    public void Configure(EntityTypeBuilder<AligNetDataset> dataset)
    {
        dataset.ToTable("alignet_datasets");
        dataset.Property(d => d.Mixture).HasColumnType("jsonb");
        dataset.Property(d => d.Parameters).HasColumnType("jsonb");
        dataset.Property(d => d.CountsPerVariant).HasColumnType("jsonb");
        dataset.Property(d => d.EntropyHistogram).HasColumnType("jsonb");
        dataset.Property(d => d.ShardDirectory).HasMaxLength(1000);
        dataset.Property(d => d.Error).HasMaxLength(4000);
        dataset.Property(d => d.CreatedBy).HasMaxLength(256);
        // A data set outlives nothing it was made from: its teacher cannot be deleted while it exists.
        dataset.HasOne<ModelVersion>().WithMany().HasForeignKey(d => d.TeacherVersionId).OnDelete(DeleteBehavior.Restrict);
        dataset.HasIndex(d => new { d.TeacherVersionId, d.CreatedAt });
    }
}
