using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Issue14Runs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "run_schedules",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StimulusSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Cron = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EveryNewResponses = table.Column<int>(type: "integer", nullable: true),
                    MinIntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    Pipeline = table.Column<string>(type: "jsonb", nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LastFiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResponsesAtLastFire = table.Column<long>(type: "bigint", nullable: false),
                    LastRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    LastError = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_schedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_run_schedules_stimulus_sets_StimulusSetId",
                        column: x => x.StimulusSetId,
                        principalSchema: "alignet",
                        principalTable: "stimulus_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Parameters = table.Column<string>(type: "jsonb", nullable: false),
                    StimulusSetId = table.Column<Guid>(type: "uuid", nullable: true),
                    OutputKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Worker = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    JobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    Progress = table.Column<string>(type: "jsonb", nullable: true),
                    LogTail = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    DatasetId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    StepIndex = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_runs_alignet_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalSchema: "alignet",
                        principalTable: "alignet_datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_runs_model_versions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalSchema: "alignet",
                        principalTable: "model_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_runs_runs_ParentRunId",
                        column: x => x.ParentRunId,
                        principalSchema: "alignet",
                        principalTable: "runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_run_schedules_StimulusSetId",
                schema: "alignet",
                table: "run_schedules",
                column: "StimulusSetId");

            migrationBuilder.CreateIndex(
                name: "IX_runs_CreatedAt",
                schema: "alignet",
                table: "runs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_runs_DatasetId",
                schema: "alignet",
                table: "runs",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_runs_Kind_State",
                schema: "alignet",
                table: "runs",
                columns: new[] { "Kind", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_ModelVersionId",
                schema: "alignet",
                table: "runs",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_runs_ParentRunId_StepIndex",
                schema: "alignet",
                table: "runs",
                columns: new[] { "ParentRunId", "StepIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_StimulusSetId",
                schema: "alignet",
                table: "runs",
                column: "StimulusSetId");

            migrationBuilder.CreateIndex(
                name: "ux_runs_one_active_per_output",
                schema: "alignet",
                table: "runs",
                column: "OutputKey",
                unique: true,
                filter: "\"State\" IN ('Queued', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "run_schedules",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "runs",
                schema: "alignet");
        }
    }
}
