using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ParticipantStudies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sessions_StudyId_ParticipantId",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.AddColumn<string>(
                name: "Condition",
                schema: "alignet",
                table: "trials",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExpectedPosition",
                schema: "alignet",
                table: "trials",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RepeatOfIndex",
                schema: "alignet",
                table: "trials",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Blocks",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "BreakMaxSeconds",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 120);

            migrationBuilder.AddColumn<int>(
                name: "ChoiceFeedbackMs",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 400);

            migrationBuilder.AddColumn<string>(
                name: "CompletionCode",
                schema: "alignet",
                table: "studies",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ConsentMarkdown",
                schema: "alignet",
                table: "studies",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DebriefMarkdown",
                schema: "alignet",
                table: "studies",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Design",
                schema: "alignet",
                table: "studies",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "FailedChecksCode",
                schema: "alignet",
                table: "studies",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "FixationMs",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 1000);

            migrationBuilder.AddColumn<string>(
                name: "Inputs",
                schema: "alignet",
                table: "studies",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "All");

            migrationBuilder.AddColumn<string>(
                name: "InstructionsMarkdown",
                schema: "alignet",
                table: "studies",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "InterTrialIntervalMs",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 500);

            migrationBuilder.AddColumn<int>(
                name: "Qc_FastRtMs",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 800);

            migrationBuilder.AddColumn<double>(
                name: "Qc_FastShareLimit",
                schema: "alignet",
                table: "studies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.25);

            migrationBuilder.AddColumn<double>(
                name: "Qc_FocusLossFlagShare",
                schema: "alignet",
                table: "studies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.2);

            migrationBuilder.AddColumn<int>(
                name: "Qc_MaxMissedResponses",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<double>(
                name: "Qc_MinCatchAccuracy",
                schema: "alignet",
                table: "studies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.9);

            migrationBuilder.AddColumn<double>(
                name: "Qc_PositionBiasExcludeShare",
                schema: "alignet",
                table: "studies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.8);

            migrationBuilder.AddColumn<double>(
                name: "Qc_PositionBiasFlagShare",
                schema: "alignet",
                table: "studies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.6);

            migrationBuilder.AddColumn<int>(
                name: "Qc_PositionBiasMinimumAnswers",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<int>(
                name: "Qc_SlowRtMs",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 1100);

            migrationBuilder.AddColumn<double>(
                name: "Qc_SlowShareLimit",
                schema: "alignet",
                table: "studies",
                type: "double precision",
                nullable: false,
                defaultValue: 0.5);

            migrationBuilder.AddColumn<int>(
                name: "Qc_SpeedTaskLength",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<int>(
                name: "Qc_TooFastTasksToExclude",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "RepeatProbes",
                schema: "alignet",
                table: "studies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RequireFullscreen",
                schema: "alignet",
                table: "studies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ScreenedOutCode",
                schema: "alignet",
                table: "studies",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConsentedAt",
                schema: "alignet",
                table: "sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalStudyId",
                schema: "alignet",
                table: "sessions",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FixedListNumber",
                schema: "alignet",
                table: "sessions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                schema: "alignet",
                table: "sessions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QcMetrics",
                schema: "alignet",
                table: "sessions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnUrl",
                schema: "alignet",
                table: "sessions",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "TokenHash",
                schema: "alignet",
                table: "sessions",
                type: "bytea",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<double>(
                name: "RefreshIntervalMs",
                schema: "alignet",
                table: "responses",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fixed_trials",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ListNumber = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Stimulus0Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Stimulus1Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Stimulus2Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Condition = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsCatch = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fixed_trials", x => x.Id);
                    table.CheckConstraint("ck_fixed_trials_distinct_stimuli", "\"Stimulus0Id\" <> \"Stimulus1Id\" AND \"Stimulus0Id\" <> \"Stimulus2Id\" AND \"Stimulus1Id\" <> \"Stimulus2Id\"");
                    table.ForeignKey(
                        name: "FK_fixed_trials_stimuli_Stimulus0Id",
                        column: x => x.Stimulus0Id,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_fixed_trials_stimuli_Stimulus1Id",
                        column: x => x.Stimulus1Id,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_fixed_trials_stimuli_Stimulus2Id",
                        column: x => x.Stimulus2Id,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_fixed_trials_studies_StudyId",
                        column: x => x.StudyId,
                        principalSchema: "alignet",
                        principalTable: "studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_studies_blocks",
                schema: "alignet",
                table: "studies",
                sql: "\"Blocks\" >= 1");

            migrationBuilder.AddCheckConstraint(
                name: "ck_studies_inputs",
                schema: "alignet",
                table: "studies",
                sql: "\"Inputs\" <> 'None'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_studies_practice",
                schema: "alignet",
                table: "studies",
                sql: "\"PracticeTrials\" >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_studies_timing",
                schema: "alignet",
                table: "studies",
                sql: "\"FixationMs\" >= 0 AND \"InterTrialIntervalMs\" >= 0 AND \"ChoiceFeedbackMs\" >= 0 AND \"ResponseTimeLimitMs\" >= 0 AND \"MinimumValidRtMs\" >= 0 AND \"BreakMaxSeconds\" >= 0");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_StudyId_ParticipantId",
                schema: "alignet",
                table: "sessions",
                columns: new[] { "StudyId", "ParticipantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fixed_trials_Stimulus0Id",
                schema: "alignet",
                table: "fixed_trials",
                column: "Stimulus0Id");

            migrationBuilder.CreateIndex(
                name: "IX_fixed_trials_Stimulus1Id",
                schema: "alignet",
                table: "fixed_trials",
                column: "Stimulus1Id");

            migrationBuilder.CreateIndex(
                name: "IX_fixed_trials_Stimulus2Id",
                schema: "alignet",
                table: "fixed_trials",
                column: "Stimulus2Id");

            migrationBuilder.CreateIndex(
                name: "IX_fixed_trials_StudyId_ListNumber_Order",
                schema: "alignet",
                table: "fixed_trials",
                columns: new[] { "StudyId", "ListNumber", "Order" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fixed_trials",
                schema: "alignet");

            migrationBuilder.DropCheckConstraint(
                name: "ck_studies_blocks",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropCheckConstraint(
                name: "ck_studies_inputs",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropCheckConstraint(
                name: "ck_studies_practice",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropCheckConstraint(
                name: "ck_studies_timing",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropIndex(
                name: "IX_sessions_StudyId_ParticipantId",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "Condition",
                schema: "alignet",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "ExpectedPosition",
                schema: "alignet",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "RepeatOfIndex",
                schema: "alignet",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "Blocks",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "BreakMaxSeconds",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "ChoiceFeedbackMs",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "CompletionCode",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "ConsentMarkdown",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "DebriefMarkdown",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Design",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "FailedChecksCode",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "FixationMs",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Inputs",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "InstructionsMarkdown",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "InterTrialIntervalMs",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_FastRtMs",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_FastShareLimit",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_FocusLossFlagShare",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_MaxMissedResponses",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_MinCatchAccuracy",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_PositionBiasExcludeShare",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_PositionBiasFlagShare",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_PositionBiasMinimumAnswers",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_SlowRtMs",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_SlowShareLimit",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_SpeedTaskLength",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "Qc_TooFastTasksToExclude",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "RepeatProbes",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "RequireFullscreen",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "ScreenedOutCode",
                schema: "alignet",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "ConsentedAt",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "ExternalStudyId",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "FixedListNumber",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "Outcome",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "QcMetrics",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "ReturnUrl",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "TokenHash",
                schema: "alignet",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "RefreshIntervalMs",
                schema: "alignet",
                table: "responses");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_StudyId_ParticipantId",
                schema: "alignet",
                table: "sessions",
                columns: new[] { "StudyId", "ParticipantId" });
        }
    }
}
