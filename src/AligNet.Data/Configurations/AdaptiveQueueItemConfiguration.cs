using AligNet.Domain.Designs;
using AligNet.Domain.Models;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class AdaptiveQueueItemConfiguration : IEntityTypeConfiguration<AdaptiveQueueItem>
{
    public void Configure(EntityTypeBuilder<AdaptiveQueueItem> item)
    {
        item.ToTable("adaptive_queue", t => t.HasCheckConstraint("ck_adaptive_queue_distinct",
            "\"StimulusA\" <> \"StimulusB\" AND \"StimulusA\" <> \"StimulusC\" AND \"StimulusB\" <> \"StimulusC\""));
        item.HasKey(i => i.Id);
        item.Property(i => i.Id).UseIdentityAlwaysColumn();
        // Pops walk this index from the top: the highest scores of one study first.
        item.HasIndex(i => new { i.StudyId, i.Score }).IsDescending(false, true).HasDatabaseName("ix_adaptive_queue_pop");
        item.HasIndex(i => new { i.StudyId, i.StimulusA, i.StimulusB, i.StimulusC }).IsUnique();
        item.HasOne<Study>().WithMany().HasForeignKey(i => i.StudyId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne<ModelVersion>().WithMany().HasForeignKey(i => i.TeacherVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
