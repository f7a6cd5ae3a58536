using AligNet.Data.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AligNet.Data.Configurations;

public sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> secret)
    {
        secret.ToTable("server_secrets");
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(64);
        secret.Property(s => s.Value).IsRequired();
    }
}
