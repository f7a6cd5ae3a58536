using AligNet.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

public sealed class SignInFailuresConfiguration : IEntityTypeConfiguration<SignInFailures>
{
    public void Configure(EntityTypeBuilder<SignInFailures> failures)
    {
        failures.ToTable("sign_in_failures");
        failures.HasKey(f => f.Address);
        // "/64" after the longest IPv6 text form.
        failures.Property(f => f.Address).HasMaxLength(64);
        // Expired rows are deleted by range.
        failures.HasIndex(f => f.LastFailureAt);
    }
}
