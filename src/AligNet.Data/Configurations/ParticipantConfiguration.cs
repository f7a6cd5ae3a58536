using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> participant)
    {
        participant.ToTable("participants");
        participant.Property(p => p.ExternalId).HasMaxLength(128);
        // One participant row per recruitment identity, so a returning Prolific PID finds its own sessions.
        participant.HasIndex(p => new { p.Source, p.ExternalId }).IsUnique();
    }
}
