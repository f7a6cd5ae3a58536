using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> response)
    {
        response.ToTable("responses", t =>
        {
            t.HasCheckConstraint("ck_responses_position", "\"ChosenPosition\" IS NULL OR \"ChosenPosition\" BETWEEN 0 AND 2");
            t.HasCheckConstraint("ck_responses_rt_nonnegative", "\"RtMs\" >= 0");
        });
        // The browser generates the id; the database, not the application, guarantees exactly-once storage.
        response.Property(r => r.Id).ValueGeneratedNever();
        response.HasIndex(r => r.TrialId).IsUnique();
        response.HasIndex(r => r.SessionId);
        // Dashboards (issue 16): "today" and "last 24 hours" read only the newest responses.
        response.HasIndex(r => r.ReceivedAt);
    }
}
