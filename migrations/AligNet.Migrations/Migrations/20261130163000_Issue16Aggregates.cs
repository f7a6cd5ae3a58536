using AligNet.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <summary>
    /// Dashboard aggregates (issue 16, ADR-024): summary tables that <c>DashboardFold</c> keeps up to date from the
    /// responses below a watermark, so the collection page reads aggregates plus the small tail since the watermark.
    /// Also the per-minute participant API latency snapshots (ApiLatencySnapshots).
    /// Plain SQL, no EF entities: only the fold and the dashboard queries touch them, both in SQL, so the model (and its
    /// snapshot) does not change.
    /// </summary>
    [DbContext(typeof(AligNetDbContext))]
    [Migration("20261130163000_Issue16Aggregates")]
    public partial class Issue16Aggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE alignet.dashboard_watermark (
                    "Id" integer PRIMARY KEY CHECK ("Id" = 1),
                    "FoldedBefore" timestamp with time zone NOT NULL,
                    "FoldedAt" timestamp with time zone NULL);
                INSERT INTO alignet.dashboard_watermark VALUES (1, '-infinity', NULL);

                CREATE TABLE alignet.dashboard_session_stats (
                    "SessionId" uuid PRIMARY KEY REFERENCES alignet.sessions ("Id") ON DELETE CASCADE,
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "Included" boolean NOT NULL,
                    "MedianRtMs" double precision NULL,
                    "Probes" integer NOT NULL,
                    "Same" integer NOT NULL);
                CREATE INDEX "IX_dashboard_session_stats_StudyId" ON alignet.dashboard_session_stats ("StudyId");

                CREATE TABLE alignet.dashboard_response_hours (
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "Hour" timestamp without time zone NOT NULL,
                    "Count" bigint NOT NULL,
                    PRIMARY KEY ("StudyId", "Hour"));

                CREATE TABLE alignet.dashboard_rt_bins (
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "Level" text NOT NULL,
                    "Bin" integer NOT NULL,
                    "Count" bigint NOT NULL,
                    PRIMARY KEY ("StudyId", "Level", "Bin"));

                CREATE TABLE alignet.dashboard_pair_counts (
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "Low" uuid NOT NULL,
                    "High" uuid NOT NULL,
                    "Count" integer NOT NULL,
                    PRIMARY KEY ("StudyId", "Low", "High"));

                CREATE TABLE alignet.dashboard_pair_histogram (
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "Shown" integer NOT NULL CHECK ("Shown" > 0),
                    "Pairs" integer NOT NULL,
                    PRIMARY KEY ("StudyId", "Shown"));

                CREATE TABLE alignet.dashboard_triplet_choices (
                    "StudyId" uuid NOT NULL REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "X" uuid NOT NULL,
                    "Y" uuid NOT NULL,
                    "Z" uuid NOT NULL,
                    "ChoseX" integer NOT NULL,
                    "ChoseY" integer NOT NULL,
                    "ChoseZ" integer NOT NULL,
                    PRIMARY KEY ("StudyId", "X", "Y", "Z"));

                CREATE TABLE alignet.dashboard_ceilings (
                    "StudyId" uuid PRIMARY KEY REFERENCES alignet.studies ("Id") ON DELETE CASCADE,
                    "ShareSum" double precision NOT NULL,
                    "Repeated" integer NOT NULL,
                    "Triplets" integer NOT NULL);

                -- Participant API latency per web instance and minute: the in-process histogram's counts of that
                -- minute, sparse (bucket index, count), so instances merge exactly before percentiles are taken.
                CREATE TABLE alignet.api_latency_minutes (
                    "Minute" timestamp with time zone NOT NULL,
                    "Instance" text NOT NULL,
                    "Requests" bigint NOT NULL,
                    "Buckets" integer[] NOT NULL,
                    "Counts" bigint[] NOT NULL,
                    PRIMARY KEY ("Minute", "Instance"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE alignet.api_latency_minutes, alignet.dashboard_ceilings, alignet.dashboard_triplet_choices, alignet.dashboard_pair_histogram,
                    alignet.dashboard_pair_counts, alignet.dashboard_rt_bins, alignet.dashboard_response_hours,
                    alignet.dashboard_session_stats, alignet.dashboard_watermark;
                """);
        }
    }
}
