using AligNet.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_log");
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        // The database's clock, not the caller's: entries from several hosts order consistently.
        entry.Property(e => e.At).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Target).HasMaxLength(256);
        entry.Property(e => e.Details).HasColumnType("jsonb");
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Action, e.At });
        entry.HasIndex(e => new { e.Actor, e.At });
        entry.HasIndex(e => new { e.Target, e.At });
    }
}
