using AligNet.Data.Identity;
using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class StimulusSetConfiguration : IEntityTypeConfiguration<StimulusSet>
{
    public void Configure(EntityTypeBuilder<StimulusSet> set)
    {
        set.ToTable("stimulus_sets");
        set.Property(s => s.Name).HasMaxLength(200);
        set.HasIndex(s => s.Name).IsUnique();
        set.Property(s => s.Description).HasMaxLength(4000);
        set.HasIndex(s => s.OwnerId);
        set.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.SetNull);
        set.HasMany(s => s.Stimuli).WithOne(s => s.StimulusSet).HasForeignKey(s => s.StimulusSetId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
