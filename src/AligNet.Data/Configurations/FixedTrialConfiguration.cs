using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class FixedTrialConfiguration : IEntityTypeConfiguration<FixedTrial>
{
    public void Configure(EntityTypeBuilder<FixedTrial> trial)
    {
        trial.ToTable("fixed_trials", t => t.HasCheckConstraint("ck_fixed_trials_distinct_stimuli",
            "\"Stimulus0Id\" <> \"Stimulus1Id\" AND \"Stimulus0Id\" <> \"Stimulus2Id\" AND \"Stimulus1Id\" <> \"Stimulus2Id\""));
        trial.HasIndex(t => new { t.StudyId, t.ListNumber, t.Order }).IsUnique();
        trial.Property(t => t.Condition).HasMaxLength(64);
        trial.HasOne<Study>().WithMany().HasForeignKey(t => t.StudyId).OnDelete(DeleteBehavior.Cascade);
        trial.HasOne<Stimulus>().WithMany().HasForeignKey(t => t.Stimulus0Id).OnDelete(DeleteBehavior.Restrict);
        trial.HasOne<Stimulus>().WithMany().HasForeignKey(t => t.Stimulus1Id).OnDelete(DeleteBehavior.Restrict);
        trial.HasOne<Stimulus>().WithMany().HasForeignKey(t => t.Stimulus2Id).OnDelete(DeleteBehavior.Restrict);
    }
}
