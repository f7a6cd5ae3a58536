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
            t.HasCheckConstraint("ck_studies_practice", "\"PracticeTrials\" >= 0");
            t.HasCheckConstraint("ck_studies_blocks", "\"Blocks\" >= 1");
            t.HasCheckConstraint("ck_studies_timing", "\"FixationMs\" >= 0 AND \"InterTrialIntervalMs\" >= 0 AND \"ChoiceFeedbackMs\" >= 0 AND \"ResponseTimeLimitMs\" >= 0 AND \"MinimumValidRtMs\" >= 0 AND \"BreakMaxSeconds\" >= 0");
            t.HasCheckConstraint("ck_studies_inputs", "\"Inputs\" <> 'None'");
            t.HasCheckConstraint("ck_studies_random_arm_share", "\"RandomArmShare\" > 0 AND \"RandomArmShare\" <= 1");
        });
        study.Property(s => s.Name).HasMaxLength(200);
        study.Property(s => s.Description).HasMaxLength(4000);
        study.Property(s => s.CreatedBy).HasMaxLength(256);
        study.Property(s => s.Inputs).HasMaxLength(64);
        study.Property(s => s.AdaptiveScore).HasMaxLength(32);
        study.Property(s => s.RandomArmShare).HasDefaultValue(StudyLimits.DefaultRandomArmShare);
        foreach (var text in new[] { nameof(Study.ConsentMarkdown), nameof(Study.InstructionsMarkdown), nameof(Study.DebriefMarkdown) })
        {
            study.Property(text).HasMaxLength(StudyLimits.MaxTextLength);
        }
        foreach (var code in new[] { nameof(Study.CompletionCode), nameof(Study.ScreenedOutCode), nameof(Study.FailedChecksCode) })
        {
            study.Property(code).HasMaxLength(StudyLimits.MaxCodeLength);
        }
        // Thresholds live in the study's row: they are part of the frozen design.
        study.ComplexProperty(s => s.Qc);
        study.HasOne(s => s.StimulusSet).WithMany().HasForeignKey(s => s.StimulusSetId)
            .OnDelete(DeleteBehavior.Restrict);
        study.HasMany(s => s.Sessions).WithOne(s => s.Study).HasForeignKey(s => s.StudyId)
            .OnDelete(DeleteBehavior.Restrict);
        study.Ignore(s => s.IsDesignFrozen);
        study.Ignore(s => s.TotalTrials);
    }
}
