using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Issue16RunCurves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurvePointsReported",
                schema: "alignet",
                table: "runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "run_curve_points",
                schema: "alignet",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Stage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Epoch = table.Column<int>(type: "integer", nullable: true),
                    Done = table.Column<long>(type: "bigint", nullable: false),
                    Loss = table.Column<double>(type: "double precision", nullable: true),
                    ValidationAccuracy = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_curve_points", x => new { x.RunId, x.Seq });
                    table.ForeignKey(
                        name: "FK_run_curve_points_runs_RunId",
                        column: x => x.RunId,
                        principalSchema: "alignet",
                        principalTable: "runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "run_curve_points",
                schema: "alignet");

            migrationBuilder.DropColumn(
                name: "CurvePointsReported",
                schema: "alignet",
                table: "runs");
        }
    }
}
