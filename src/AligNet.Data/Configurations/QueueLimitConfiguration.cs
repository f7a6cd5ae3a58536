using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class QueueLimitConfiguration : IEntityTypeConfiguration<QueueLimit>
{
    public void Configure(EntityTypeBuilder<QueueLimit> limit)
    {
        limit.ToTable("queue_limits", t => t.HasCheckConstraint("ck_queue_limits_limit", $"\"Limit\" BETWEEN 1 AND {QueueLimit.Max}"));
        limit.HasKey(l => l.Queue);
        limit.Property(l => l.Queue).HasMaxLength(100);
        limit.Property(l => l.UpdatedBy).HasMaxLength(256);
    }
}
