using AligNet.Domain.Models;
using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class StimulusEmbeddingConfiguration : IEntityTypeConfiguration<StimulusEmbedding>
{
    public void Configure(EntityTypeBuilder<StimulusEmbedding> embedding)
    {
        // real[]: pgvector is not available for PostgreSQL 15 on Debian 12; similarities are computed in the app.
        embedding.ToTable("stimulus_embeddings");
        embedding.HasKey(e => new { e.StimulusId, e.Model, e.Version });
        embedding.Property(e => e.Model).HasMaxLength(100);
        embedding.Property(e => e.Version).HasMaxLength(100);
        embedding.HasOne<Stimulus>().WithMany().HasForeignKey(e => e.StimulusId).OnDelete(DeleteBehavior.Cascade);
    }
}
