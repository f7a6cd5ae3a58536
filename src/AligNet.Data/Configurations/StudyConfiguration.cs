using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class StudyConfiguration : IEntityTypeConfiguration<Study>
{
    public void Configure(EntityTypeBuilder<Study> study)
    {
        study.ToTable("studies", t =>
        {
            t.HasCheckConstraint("ck_studies_trials_positive", "\"TrialsPerParticipant\" > 0");
            t.HasCheckConstraint("ck_studies_catch_share", "\"CatchTrialShare\" >= 0 AND \"CatchTrialShare\" < 1");
        });
        study.Property(s => s.Name).HasMaxLength(200);
        study.Property(s => s.Description).HasMaxLength(4000);
        study.Property(s => s.CreatedBy).HasMaxLength(256);
        study.HasOne(s => s.StimulusSet).WithMany().HasForeignKey(s => s.StimulusSetId)
            .OnDelete(DeleteBehavior.Restrict);
        study.HasMany(s => s.Sessions).WithOne(s => s.Study).HasForeignKey(s => s.StudyId)
            .OnDelete(DeleteBehavior.Restrict);
        study.Ignore(s => s.IsDesignFrozen);
    }
}
