using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AligNet.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "alignet");

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participants",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stimulus_sets",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stimulus_sets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalSchema: "alignet",
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalSchema: "alignet",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                schema: "alignet",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalSchema: "alignet",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                schema: "alignet",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalSchema: "alignet",
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalSchema: "alignet",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                schema: "alignet",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalSchema: "alignet",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_versions",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StimulusSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BaseModel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BaseModelVersion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DataSnapshot = table.Column<string>(type: "jsonb", nullable: false),
                    HyperParameters = table.Column<string>(type: "jsonb", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Metrics = table.Column<string>(type: "jsonb", nullable: false),
                    TrainingCurve = table.Column<string>(type: "jsonb", nullable: false),
                    ArtifactPath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    PromotedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PromotedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_model_versions_stimulus_sets_StimulusSetId",
                        column: x => x.StimulusSetId,
                        principalSchema: "alignet",
                        principalTable: "stimulus_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stimuli",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StimulusSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SourceName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CategoryPath = table.Column<string[]>(type: "text[]", nullable: false),
                    ImagePath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stimuli", x => x.Id);
                    table.ForeignKey(
                        name: "FK_stimuli_stimulus_sets_StimulusSetId",
                        column: x => x.StimulusSetId,
                        principalSchema: "alignet",
                        principalTable: "stimulus_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "studies",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StimulusSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Recruitment = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TrialsPerParticipant = table.Column<int>(type: "integer", nullable: false),
                    PracticeTrials = table.Column<int>(type: "integer", nullable: false),
                    CatchTrialShare = table.Column<double>(type: "double precision", nullable: false),
                    ResponseTimeLimitMs = table.Column<int>(type: "integer", nullable: false),
                    MinimumValidRtMs = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DesignFrozenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_studies", x => x.Id);
                    table.CheckConstraint("ck_studies_catch_share", "\"CatchTrialShare\" >= 0 AND \"CatchTrialShare\" < 1");
                    table.CheckConstraint("ck_studies_trials_positive", "\"TrialsPerParticipant\" > 0");
                    table.ForeignKey(
                        name: "FK_studies_stimulus_sets_StimulusSetId",
                        column: x => x.StimulusSetId,
                        principalSchema: "alignet",
                        principalTable: "stimulus_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "triplet_datasets",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StimulusSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceFile = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_triplet_datasets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_triplet_datasets_stimulus_sets_StimulusSetId",
                        column: x => x.StimulusSetId,
                        principalSchema: "alignet",
                        principalTable: "stimulus_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stimulus_embeddings",
                schema: "alignet",
                columns: table => new
                {
                    StimulusId = table.Column<Guid>(type: "uuid", nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Vector = table.Column<float[]>(type: "real[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stimulus_embeddings", x => new { x.StimulusId, x.Model, x.Version });
                    table.ForeignKey(
                        name: "FK_stimulus_embeddings_stimuli_StimulusId",
                        column: x => x.StimulusId,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalSessionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Qc = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    QcReasons = table.Column<string[]>(type: "text[]", nullable: false),
                    UserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sessions_participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalSchema: "alignet",
                        principalTable: "participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sessions_studies_StudyId",
                        column: x => x.StudyId,
                        principalSchema: "alignet",
                        principalTable: "studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "imported_triplets",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    DatasetId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstId = table.Column<Guid>(type: "uuid", nullable: false),
                    SecondId = table.Column<Guid>(type: "uuid", nullable: false),
                    OddId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imported_triplets", x => x.Id);
                    table.CheckConstraint("ck_imported_triplets_distinct", "\"FirstId\" <> \"SecondId\" AND \"FirstId\" <> \"OddId\" AND \"SecondId\" <> \"OddId\"");
                    table.ForeignKey(
                        name: "FK_imported_triplets_stimuli_FirstId",
                        column: x => x.FirstId,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_imported_triplets_stimuli_OddId",
                        column: x => x.OddId,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_imported_triplets_stimuli_SecondId",
                        column: x => x.SecondId,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_imported_triplets_triplet_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalSchema: "alignet",
                        principalTable: "triplet_datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trials",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Block = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Stimulus0Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Stimulus1Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Stimulus2Id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trials", x => x.Id);
                    table.CheckConstraint("ck_trials_distinct_stimuli", "\"Stimulus0Id\" <> \"Stimulus1Id\" AND \"Stimulus0Id\" <> \"Stimulus2Id\" AND \"Stimulus1Id\" <> \"Stimulus2Id\"");
                    table.ForeignKey(
                        name: "FK_trials_sessions_SessionId",
                        column: x => x.SessionId,
                        principalSchema: "alignet",
                        principalTable: "sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_trials_stimuli_Stimulus0Id",
                        column: x => x.Stimulus0Id,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_trials_stimuli_Stimulus1Id",
                        column: x => x.Stimulus1Id,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_trials_stimuli_Stimulus2Id",
                        column: x => x.Stimulus2Id,
                        principalSchema: "alignet",
                        principalTable: "stimuli",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "responses",
                schema: "alignet",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrialId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChosenPosition = table.Column<int>(type: "integer", nullable: true),
                    ChosenStimulusId = table.Column<Guid>(type: "uuid", nullable: true),
                    Input = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OnsetTimeMs = table.Column<double>(type: "double precision", nullable: false),
                    ResponseTimeMs = table.Column<double>(type: "double precision", nullable: false),
                    RtMs = table.Column<double>(type: "double precision", nullable: false),
                    FocusLost = table.Column<bool>(type: "boolean", nullable: false),
                    FullscreenExits = table.Column<int>(type: "integer", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responses", x => x.Id);
                    table.CheckConstraint("ck_responses_position", "\"ChosenPosition\" IS NULL OR \"ChosenPosition\" BETWEEN 0 AND 2");
                    table.CheckConstraint("ck_responses_rt_nonnegative", "\"RtMs\" >= 0");
                    table.ForeignKey(
                        name: "FK_responses_trials_TrialId",
                        column: x => x.TrialId,
                        principalSchema: "alignet",
                        principalTable: "trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                schema: "alignet",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                schema: "alignet",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                schema: "alignet",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                schema: "alignet",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                schema: "alignet",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                schema: "alignet",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                schema: "alignet",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_imported_triplets_DatasetId",
                schema: "alignet",
                table: "imported_triplets",
                column: "DatasetId");

            migrationBuilder.CreateIndex(
                name: "IX_imported_triplets_FirstId",
                schema: "alignet",
                table: "imported_triplets",
                column: "FirstId");

            migrationBuilder.CreateIndex(
                name: "IX_imported_triplets_OddId",
                schema: "alignet",
                table: "imported_triplets",
                column: "OddId");

            migrationBuilder.CreateIndex(
                name: "IX_imported_triplets_SecondId",
                schema: "alignet",
                table: "imported_triplets",
                column: "SecondId");

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_StimulusSetId_Kind_CreatedAt",
                schema: "alignet",
                table: "model_versions",
                columns: new[] { "StimulusSetId", "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "ux_model_versions_one_active",
                schema: "alignet",
                table: "model_versions",
                columns: new[] { "StimulusSetId", "Kind" },
                unique: true,
                filter: "\"IsActive\"");

            migrationBuilder.CreateIndex(
                name: "IX_participants_Source_ExternalId",
                schema: "alignet",
                table: "participants",
                columns: new[] { "Source", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_responses_SessionId",
                schema: "alignet",
                table: "responses",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TrialId",
                schema: "alignet",
                table: "responses",
                column: "TrialId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_ParticipantId",
                schema: "alignet",
                table: "sessions",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_StudyId_ParticipantId",
                schema: "alignet",
                table: "sessions",
                columns: new[] { "StudyId", "ParticipantId" });

            migrationBuilder.CreateIndex(
                name: "IX_stimuli_StimulusSetId_Index",
                schema: "alignet",
                table: "stimuli",
                columns: new[] { "StimulusSetId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stimuli_StimulusSetId_Sha256",
                schema: "alignet",
                table: "stimuli",
                columns: new[] { "StimulusSetId", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stimulus_sets_Name",
                schema: "alignet",
                table: "stimulus_sets",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_studies_StimulusSetId",
                schema: "alignet",
                table: "studies",
                column: "StimulusSetId");

            migrationBuilder.CreateIndex(
                name: "IX_trials_SessionId_Index",
                schema: "alignet",
                table: "trials",
                columns: new[] { "SessionId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_trials_Stimulus0Id",
                schema: "alignet",
                table: "trials",
                column: "Stimulus0Id");

            migrationBuilder.CreateIndex(
                name: "IX_trials_Stimulus1Id",
                schema: "alignet",
                table: "trials",
                column: "Stimulus1Id");

            migrationBuilder.CreateIndex(
                name: "IX_trials_Stimulus2Id",
                schema: "alignet",
                table: "trials",
                column: "Stimulus2Id");

            migrationBuilder.CreateIndex(
                name: "IX_triplet_datasets_StimulusSetId_Name",
                schema: "alignet",
                table: "triplet_datasets",
                columns: new[] { "StimulusSetId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "imported_triplets",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "model_versions",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "responses",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "stimulus_embeddings",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "AspNetRoles",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "AspNetUsers",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "triplet_datasets",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "trials",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "sessions",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "stimuli",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "participants",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "studies",
                schema: "alignet");

            migrationBuilder.DropTable(
                name: "stimulus_sets",
                schema: "alignet");
        }
    }
}
