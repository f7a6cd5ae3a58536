using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class RejectedResponseConfiguration : IEntityTypeConfiguration<RejectedResponse>
{
    public void Configure(EntityTypeBuilder<RejectedResponse> rejected)
    {
        rejected.ToTable("rejected_responses");
        rejected.Property(r => r.Reason).HasMaxLength(1000);
        rejected.Property(r => r.Payload).HasMaxLength(8192);
        rejected.HasIndex(r => r.SessionId);
    }
}
