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
        session.Property(s => s.UserAgent).HasMaxLength(512);
        session.HasOne(s => s.Participant).WithMany().HasForeignKey(s => s.ParticipantId)
            .OnDelete(DeleteBehavior.Restrict);
        session.HasIndex(s => new { s.StudyId, s.ParticipantId });
        session.HasMany(s => s.Trials).WithOne(t => t.Session).HasForeignKey(t => t.SessionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
