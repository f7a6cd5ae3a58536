using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class ParticipantSessionConfiguration : IEntityTypeConfiguration<ParticipantSession>
{
    public void Configure(EntityTypeBuilder<ParticipantSession> session)
    {
        session.ToTable("sessions");
        session.Property(s => s.ExternalSessionId).HasMaxLength(128);
        session.Property(s => s.ExternalStudyId).HasMaxLength(128);
        session.Property(s => s.ReturnUrl).HasMaxLength(512);
        session.Property(s => s.UserAgent).HasMaxLength(512);
        session.Property(s => s.TokenHash).HasMaxLength(32);
        session.Property(s => s.QcMetrics).HasColumnType("jsonb");
        session.HasOne(s => s.Participant).WithMany().HasForeignKey(s => s.ParticipantId)
            .OnDelete(DeleteBehavior.Restrict);
        // One session per person and study: a returning Prolific PID resumes its session, it never starts a second one.
        session.HasIndex(s => new { s.StudyId, s.ParticipantId }).IsUnique();
        session.HasMany(s => s.Trials).WithOne(t => t.Session).HasForeignKey(t => t.SessionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
