using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AddAligNetDatasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alignet_datasets",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StimulusSetIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    TeacherVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: false),
                    Mixture = table.Column<string>(type: "jsonb", nullable: false),
                    Parameters = table.Column<string>(type: "jsonb", nullable: false),
                    CountsPerVariant = table.Column<string>(type: "jsonb", nullable: false),
                    EntropyHistogram = table.Column<string>(type: "jsonb", nullable: false),
                    PoolSize = table.Column<long>(type: "bigint", nullable: false),
                    TrainingTriplets = table.Column<long>(type: "bigint", nullable: false),
                    ValidationTriplets = table.Column<long>(type: "bigint", nullable: false),
                    ShardDirectory = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alignet_datasets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alignet_datasets_model_versions_TeacherVersionId",
                        column: x => x.TeacherVersionId,
                        principalSchema: "alignet",
                        principalTable: "model_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alignet_datasets_TeacherVersionId_CreatedAt",
                schema: "alignet",
                table: "alignet_datasets",
                columns: new[] { "TeacherVersionId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alignet_datasets",
                schema: "alignet");
        }
    }
}
