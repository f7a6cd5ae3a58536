using AligNet.Domain.Judgments;
using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class TripletDatasetConfiguration : IEntityTypeConfiguration<TripletDataset>
{
    public void Configure(EntityTypeBuilder<TripletDataset> dataset)
    {
        dataset.ToTable("triplet_datasets");
        dataset.Property(d => d.Name).HasMaxLength(200);
        dataset.Property(d => d.SourceFile).HasMaxLength(500);
        dataset.Property(d => d.Format).HasMaxLength(32);
        dataset.Property(d => d.CreatedBy).HasMaxLength(256);
        dataset.HasIndex(d => new { d.StimulusSetId, d.Name }).IsUnique();
        dataset.HasOne<StimulusSet>().WithMany().HasForeignKey(d => d.StimulusSetId).OnDelete(DeleteBehavior.Restrict);
    }
}
