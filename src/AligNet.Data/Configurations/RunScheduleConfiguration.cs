using AligNet.Domain.Runs;
using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class RunScheduleConfiguration : IEntityTypeConfiguration<RunSchedule>
{
    public void Configure(EntityTypeBuilder<RunSchedule> schedule)
    {
        schedule.ToTable("run_schedules");
        schedule.Property(s => s.Name).HasMaxLength(200);
        schedule.Property(s => s.Cron).HasMaxLength(100);
        schedule.Property(s => s.TimeZone).HasMaxLength(100);
        schedule.Property(s => s.Pipeline).HasColumnType("jsonb");
        schedule.Property(s => s.CreatedBy).HasMaxLength(256);
        schedule.Property(s => s.LastError).HasMaxLength(4000);
        schedule.HasOne<StimulusSet>().WithMany().HasForeignKey(s => s.StimulusSetId).OnDelete(DeleteBehavior.Cascade);
        schedule.HasIndex(s => s.StimulusSetId);
    }
}
