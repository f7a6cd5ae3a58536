using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Issue15Adaptive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Arm",
                schema: "alignet",
                table: "trials",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TeacherVersionId",
                schema: "alignet",
                table: "trials",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AdaptiveSampling",
                schema: "alignet",
                table: "studies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AdaptiveScore",
                schema: "alignet",
                table: "studies",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Entropy");

            migrationBuilder.AddColumn<double>(
                name: "RandomArmShare",
                schema: "alignet",
                table: "studies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.14999999999999999);

            migrationBuilder.CreateTable(
                name: "adaptive_queue",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    StimulusA = table.Column<Guid>(type: "uuid", nullable: false),
                    StimulusB = table.Column<Guid>(type: "uuid", nullable: false),
                    StimulusC = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    TeacherVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_adaptive_queue", x => x.Id);
                    table.CheckConstraint("ck_adaptive_queue_distinct", "\"StimulusA\" <> \"StimulusB\" AND \"StimulusA\" <> \"StimulusC\" AND \"StimulusB\" <> \"StimulusC\"");
                    table.ForeignKey(
                        name: "FK_adaptive_queue_model_versions_TeacherVersionId",
                        column: x => x.TeacherVersionId,
                        principalSchema: "alignet",
                        principalTable: "model_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_adaptive_queue_studies_StudyId",
                        column: x => x.StudyId,
                        principalSchema: "alignet",
                        principalTable: "studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_trials_TeacherVersionId",
                schema: "alignet",
                table: "trials",
                column: "TeacherVersionId");

            migrationBuilder.AddCheckConstraint(
                name: "ck_studies_random_arm_share",
                schema: "alignet",
                table: "studies",
                sql: "\"RandomArmShare\" > 0 AND \"RandomArmShare\" <= 1");

            migrationBuilder.CreateIndex(
                name: "ix_adaptive_queue_pop",
                schema: "alignet",
                table: "adaptive_queue",
                columns: new[] { "StudyId", "Score" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_adaptive_queue_StudyId_StimulusA_StimulusB_StimulusC",
                schema: "alignet",
                table: "adaptive_queue",
                columns: new[] { "StudyId", "StimulusA", "StimulusB", "StimulusC" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_adaptive_queue_TeacherVersionId",
                schema: "alignet",
                table: "adaptive_queue",
                column: "TeacherVersionId");

            migrationBuilder.AddForeignKey(
                name: "FK_trials_model_versions_TeacherVersionId",
                schema: "alignet",
                table: "trials",
                column: "TeacherVersionId",
                principalSchema: "alignet",
                principalTable: "model_versions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_trials_model_versions_TeacherVersionId",
                schema: "alignet",
                table: "trials");

            migrationBuilder.DropTable(
                name: "adaptive_queue",
                schema: "alignet");

            migrationBuilder.DropIndex(
                name: "IX_trials_TeacherVersionId",
                schema: "alignet",
                table: "trials");

            migrationBuilder.DropCheckConstraint(
                name: "ck_studies_random_arm_share",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Arm",
                schema: "alignet",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "TeacherVersionId",
                schema: "alignet",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "AdaptiveSampling",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "AdaptiveScore",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "RandomArmShare",
                schema: "alignet",
                table: "studies");
        }
    }
}
