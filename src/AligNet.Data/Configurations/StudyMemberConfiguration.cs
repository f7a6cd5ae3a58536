using AligNet.Data.Identity;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class StudyMemberConfiguration : IEntityTypeConfiguration<StudyMember>
{
    public void Configure(EntityTypeBuilder<StudyMember> member)
    {
        member.ToTable("study_members", t => t.HasCheckConstraint("ck_study_members_role", "\"Role\" IN ('Viewer', 'Editor', 'Owner')"));
        member.HasKey(m => new { m.StudyId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.Property(m => m.AddedBy).HasMaxLength(256);
        member.HasOne<Study>().WithMany().HasForeignKey(m => m.StudyId).OnDelete(DeleteBehavior.Cascade);
        // Removing an account removes its access; its studies stay (admins still see them and can share them on).
        member.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
