using AligNet.Domain.Designs;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class StudyPairCountConfiguration : IEntityTypeConfiguration<StudyPairCount>
{
    public void Configure(EntityTypeBuilder<StudyPairCount> pair)
    {
        pair.ToTable("pair_coverage", t => t.HasCheckConstraint("ck_pair_coverage_ordered", "\"Low\" < \"High\""));
        pair.HasKey(p => new { p.StudyId, p.Low, p.High });
        pair.HasOne<Study>().WithMany().HasForeignKey(p => p.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
