using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Issue11Access : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsShared",
                schema: "alignet",
                table: "stimulus_sets",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                schema: "alignet",
                table: "stimulus_sets",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DisabledAt",
                schema: "alignet",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "study_members",
                schema: "alignet",
                columns: table => new
                {
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_study_members", x => new { x.StudyId, x.UserId });
                    table.CheckConstraint("ck_study_members_role", "\"Role\" IN ('Viewer', 'Editor', 'Owner')");
                    table.ForeignKey(
                        name: "FK_study_members_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalSchema: "alignet",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_study_members_studies_StudyId",
                        column: x => x.StudyId,
                        principalSchema: "alignet",
                        principalTable: "studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stimulus_sets_OwnerId",
                schema: "alignet",
                table: "stimulus_sets",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_study_members_UserId",
                schema: "alignet",
                table: "study_members",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_stimulus_sets_AspNetUsers_OwnerId",
                schema: "alignet",
                table: "stimulus_sets",
                column: "OwnerId",
                principalSchema: "alignet",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // Existing data keeps working as before ownership existed (ADR-011): every set stays usable by every
            // researcher, and each study is owned by the account that created it, where that account still exists.
            migrationBuilder.Sql("UPDATE alignet.stimulus_sets SET \"IsShared\" = true;");
            migrationBuilder.Sql("""
                INSERT INTO alignet.study_members ("StudyId", "UserId", "Role", "AddedAt", "AddedBy")
                SELECT s."Id", u."Id", 'Owner', now(), 'migration Issue11Access'
                FROM alignet.studies s JOIN alignet."AspNetUsers" u ON u."NormalizedEmail" = upper(s."CreatedBy");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_stimulus_sets_AspNetUsers_OwnerId",
                schema: "alignet",
                table: "stimulus_sets");

            migrationBuilder.DropTable(
                name: "study_members",
                schema: "alignet");

            migrationBuilder.DropIndex(
                name: "IX_stimulus_sets_OwnerId",
                schema: "alignet",
                table: "stimulus_sets");

            migrationBuilder.DropColumn(
                name: "IsShared",
                schema: "alignet",
                table: "stimulus_sets");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                schema: "alignet",
                table: "stimulus_sets");

            migrationBuilder.DropColumn(
                name: "DisabledAt",
                schema: "alignet",
                table: "AspNetUsers");
        }
    }
}
