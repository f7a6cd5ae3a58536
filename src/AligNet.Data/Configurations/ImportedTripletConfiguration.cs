using AligNet.Domain.Judgments;
using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class ImportedTripletConfiguration : IEntityTypeConfiguration<ImportedTriplet>
{
    public void Configure(EntityTypeBuilder<ImportedTriplet> triplet)
    {
        triplet.ToTable("imported_triplets", t => t.HasCheckConstraint("ck_imported_triplets_distinct",
            "\"FirstId\" <> \"SecondId\" AND \"FirstId\" <> \"OddId\" AND \"SecondId\" <> \"OddId\""));
        triplet.Property(t => t.Id).UseIdentityAlwaysColumn();
        triplet.Property(t => t.Subject).HasMaxLength(128);
        triplet.HasIndex(t => t.DatasetId);
        triplet.HasOne<TripletDataset>().WithMany().HasForeignKey(t => t.DatasetId).OnDelete(DeleteBehavior.Cascade);
        triplet.HasOne<Stimulus>().WithMany().HasForeignKey(t => t.FirstId).OnDelete(DeleteBehavior.Restrict);
        triplet.HasOne<Stimulus>().WithMany().HasForeignKey(t => t.SecondId).OnDelete(DeleteBehavior.Restrict);
        triplet.HasOne<Stimulus>().WithMany().HasForeignKey(t => t.OddId).OnDelete(DeleteBehavior.Restrict);
    }
}
