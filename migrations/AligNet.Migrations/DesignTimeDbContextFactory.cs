using AligNet.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace AligNet.Migrations;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database or host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AligNetDbContext>
{
    public AligNetDbContext CreateDbContext(string[] args) =>
        AligNetDbContext.Create(Environment.GetEnvironmentVariable(DatabaseOptions.EnvironmentVariable) ?? DatabaseOptions.Example);
}
