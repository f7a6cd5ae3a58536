using AligNet.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <summary>
    /// The Sampling dashboard's figures (issue 16): answered main trials per arm and UTC hour, and answered adaptive
    /// trials per teacher version that chose them, folded by
    /// <c>DashboardFold</c> like the other ADR-024 aggregates, and each teacher version's accuracy on an adaptive
    /// study's random-arm responses it was not trained on (written by the AdaptiveRefill run, ADR-028); the participant
    /// API latency snapshots get a route column (one row per instance, minute and route).
    /// Plain SQL, no EF entities (only SQL touches them), so the model snapshot does not change.
    /// </summary>
    [DbContext(typeof(AligNetDbContext))]
    [Migration("20261130193000_Issue16SamplingAggregates")]
    public partial class Issue16SamplingAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE alignet.dashboard_arm_hours (
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "Hour" timestamp without time zone NOT NULL,
                    "Arm" character varying(16) NOT NULL,
                    "Count" bigint NOT NULL,
                    PRIMARY KEY ("StudyId", "Hour", "Arm"));

                CREATE TABLE alignet.dashboard_arm_teachers (
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "TeacherVersionId" uuid NOT NULL REFERENCES alignet.model_versions ("Id") ON DELETE CASCADE,
                    "Count" bigint NOT NULL,
                    PRIMARY KEY ("StudyId", "TeacherVersionId"));

                CREATE TABLE alignet.teacher_random_arm_accuracy (
                    "TeacherVersionId" uuid NOT NULL REFERENCES alignet.model_versions ("Id") ON DELETE CASCADE,
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "Responses" integer NOT NULL CHECK ("Responses" >= 0),
                    "Correct" integer NOT NULL CHECK ("Correct" >= 0 AND "Correct" <= "Responses"),
                    "ReceivedAfter" timestamp with time zone NOT NULL,
                    "ComputedAt" timestamp with time zone NOT NULL,
                    PRIMARY KEY ("TeacherVersionId", "StudyId"));

                -- Latency snapshots per participant route (Home); rows written before this are all routes together.
                ALTER TABLE alignet.api_latency_minutes ADD COLUMN "Route" text NOT NULL DEFAULT '(all routes)';
                ALTER TABLE alignet.api_latency_minutes DROP CONSTRAINT api_latency_minutes_pkey,
                    ADD PRIMARY KEY ("Minute", "Instance", "Route");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE alignet.teacher_random_arm_accuracy, alignet.dashboard_arm_teachers, alignet.dashboard_arm_hours;
                DELETE FROM alignet.api_latency_minutes WHERE "Route" <> '(all routes)';
                ALTER TABLE alignet.api_latency_minutes DROP CONSTRAINT api_latency_minutes_pkey, DROP COLUMN "Route",
                    ADD PRIMARY KEY ("Minute", "Instance");
                """);
        }
    }
}
