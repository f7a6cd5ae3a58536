using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Issue10ParticipantPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OnsetMethod",
                schema: "alignet",
                table: "responses",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "FirstAnimationFrame");
            // Rows stored before this column had their onset from the first animation frame; new rows always name
            // their method, so the default serves the existing rows only.
            migrationBuilder.Sql("""ALTER TABLE alignet.responses ALTER COLUMN "OnsetMethod" DROP DEFAULT;""");

            migrationBuilder.CreateTable(
                name: "rejected_responses",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    TrialId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Payload = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rejected_responses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rejected_responses_SessionId",
                schema: "alignet",
                table: "rejected_responses",
                column: "SessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rejected_responses",
                schema: "alignet");

            migrationBuilder.DropColumn(
                name: "OnsetMethod",
                schema: "alignet",
                table: "responses");
        }
    }
}
