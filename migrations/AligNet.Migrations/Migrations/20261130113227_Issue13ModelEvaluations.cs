using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Issue13ModelEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "model_evaluations",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Split = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Responses = table.Column<int>(type: "integer", nullable: false),
                    Triplets = table.Column<int>(type: "integer", nullable: false),
                    Bootstrap = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: false),
                    Accuracy = table.Column<double>(type: "double precision", nullable: false),
                    AccuracyCiLow = table.Column<double>(type: "double precision", nullable: true),
                    AccuracyCiHigh = table.Column<double>(type: "double precision", nullable: true),
                    BaseAccuracy = table.Column<double>(type: "double precision", nullable: false),
                    BaseAccuracyCiLow = table.Column<double>(type: "double precision", nullable: true),
                    BaseAccuracyCiHigh = table.Column<double>(type: "double precision", nullable: true),
                    Report = table.Column<string>(type: "jsonb", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_model_evaluations_model_versions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalSchema: "alignet",
                        principalTable: "model_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_model_evaluations_ModelVersionId_CreatedAt",
                schema: "alignet",
                table: "model_evaluations",
                columns: new[] { "ModelVersionId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_evaluations",
                schema: "alignet");
        }
    }
}
