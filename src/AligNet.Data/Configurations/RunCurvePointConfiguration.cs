using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class RunCurvePointConfiguration : IEntityTypeConfiguration<RunCurvePoint>
{
    public void Configure(EntityTypeBuilder<RunCurvePoint> point)
    {
        point.ToTable("run_curve_points");
        point.HasKey(p => new { p.RunId, p.Seq });
        point.Property(p => p.Stage).HasMaxLength(200);
        point.HasOne<Run>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
