using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SignInFailuresShared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sign_in_failures",
                schema: "alignet",
                columns: table => new
                {
                    Address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    LastFailureAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BlockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sign_in_failures", x => x.Address);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sign_in_failures_LastFailureAt",
                schema: "alignet",
                table: "sign_in_failures",
                column: "LastFailureAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_failures",
                schema: "alignet");
        }
    }
}
