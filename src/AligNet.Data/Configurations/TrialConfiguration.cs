using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class TrialConfiguration : IEntityTypeConfiguration<Trial>
{
    public void Configure(EntityTypeBuilder<Trial> trial)
    {
        trial.ToTable("trials", t => t.HasCheckConstraint("ck_trials_distinct_stimuli",
            "\"Stimulus0Id\" <> \"Stimulus1Id\" AND \"Stimulus0Id\" <> \"Stimulus2Id\" AND \"Stimulus1Id\" <> \"Stimulus2Id\""));
        trial.HasIndex(t => new { t.SessionId, t.Index }).IsUnique();
        trial.Property(t => t.Condition).HasMaxLength(64);
        trial.Property(t => t.Arm).HasMaxLength(16);
        trial.HasOne<AligNet.Domain.Models.ModelVersion>().WithMany().HasForeignKey(t => t.TeacherVersionId).OnDelete(DeleteBehavior.Restrict);
        trial.HasOne(t => t.Stimulus0).WithMany().HasForeignKey(t => t.Stimulus0Id).OnDelete(DeleteBehavior.Restrict);
        trial.HasOne(t => t.Stimulus1).WithMany().HasForeignKey(t => t.Stimulus1Id).OnDelete(DeleteBehavior.Restrict);
        trial.HasOne(t => t.Stimulus2).WithMany().HasForeignKey(t => t.Stimulus2Id).OnDelete(DeleteBehavior.Restrict);
        trial.HasOne(t => t.Response).WithOne(r => r.Trial).HasForeignKey<Response>(r => r.TrialId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
