using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Issue15Sampling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PlanSeed",
                schema: "alignet",
                table: "sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TotalTrials",
                schema: "alignet",
                table: "sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "pair_coverage",
                schema: "alignet",
                columns: table => new
                {
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Low = table.Column<Guid>(type: "uuid", nullable: false),
                    High = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pair_coverage", x => new { x.StudyId, x.Low, x.High });
                    table.CheckConstraint("ck_pair_coverage_ordered", "\"Low\" < \"High\"");
                    table.ForeignKey(
                        name: "FK_pair_coverage_studies_StudyId",
                        column: x => x.StudyId,
                        principalSchema: "alignet",
                        principalTable: "studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            Issue15Backfill.Apply(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pair_coverage",
                schema: "alignet");

            migrationBuilder.DropColumn(
                name: "PlanSeed",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "TotalTrials",
                schema: "alignet",
                table: "sessions");
        }
    }
}
