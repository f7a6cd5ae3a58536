using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class StimulusConfiguration : IEntityTypeConfiguration<Stimulus>
{
    public void Configure(EntityTypeBuilder<Stimulus> stimulus)
    {
        stimulus.ToTable("stimuli");
        // Embedding rows and triplet files address stimuli by index within their set.
        stimulus.HasIndex(s => new { s.StimulusSetId, s.Index }).IsUnique();
        stimulus.HasIndex(s => new { s.StimulusSetId, s.Sha256 }).IsUnique();
        stimulus.Property(s => s.Label).HasMaxLength(200);
        stimulus.Property(s => s.ImagePath).HasMaxLength(1000);
        stimulus.Property(s => s.SourceName).HasMaxLength(500);
        stimulus.Property(s => s.ContentType).HasMaxLength(64);
        stimulus.Property(s => s.Sha256).HasMaxLength(64).IsFixedLength();
    }
}
