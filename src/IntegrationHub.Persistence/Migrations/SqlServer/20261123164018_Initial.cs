using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Role = table.Column<int>(type: "int", nullable: false),
                    LocalAuthority = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.UserName);
                });

            migrationBuilder.CreateTable(
                name: "alert_rules",
                columns: table => new
                {
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    NoMessagesHours = table.Column<int>(type: "int", nullable: true),
                    RejectionRatePercent = table.Column<double>(type: "float", nullable: true),
                    DeadLetters = table.Column<bool>(type: "bit", nullable: false),
                    ReviewQueueDays = table.Column<int>(type: "int", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_rules", x => x.SourceId);
                });

            migrationBuilder.CreateTable(
                name: "alert_states",
                columns: table => new
                {
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    Condition = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Open = table.Column<bool>(type: "bit", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClearedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    NotificationPending = table.Column<bool>(type: "bit", nullable: false),
                    NotifiedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_states", x => new { x.SourceId, x.Condition });
                });

            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: true),
                    MessageId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    PreviousHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LastPosition = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "child_fragments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    SourceChildId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DemographicsSequence = table.Column<long>(type: "bigint", nullable: false),
                    GivenName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: false),
                    Gender = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Postcode = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    NhsNumber = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    Upn = table.Column<string>(type: "nvarchar(13)", maxLength: 13, nullable: true),
                    ChildJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ProducedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_fragments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "child_merges",
                columns: table => new
                {
                    RetiredChildId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SurvivorChildId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false),
                    MergedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_merges", x => x.RetiredChildId);
                });

            migrationBuilder.CreateTable(
                name: "child_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BestViewJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Shielded = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: true),
                    AmqpUser = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    MessageId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Cause = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    BodyBytes = table.Column<long>(type: "bigint", nullable: false),
                    BodySha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ReprocessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReprocessedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dead_letters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "held_messages",
                columns: table => new
                {
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    MessageId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SourceChildId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_held_messages", x => new { x.SourceId, x.MessageId });
                });

            migrationBuilder.CreateTable(
                name: "linking_lease",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_linking_lease", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mismatch_states",
                columns: table => new
                {
                    FragmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    NotifiedJson = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mismatch_states", x => x.FragmentId);
                });

            migrationBuilder.CreateTable(
                name: "processed_messages",
                columns: table => new
                {
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    MessageId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Outcome = table.Column<int>(type: "int", nullable: false),
                    SourceChildId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Sequence = table.Column<long>(type: "bigint", nullable: true),
                    ReasonCodes = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ReceiptJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Deliveries = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_messages", x => new { x.SourceId, x.MessageId });
                });

            migrationBuilder.CreateTable(
                name: "reply_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    MessageType = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reply_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FragmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DetailsFingerprint = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    SourceId = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    SourceChildId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CandidatesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Resolution = table.Column<int>(type: "int", nullable: true),
                    ResolvedChildId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ResolutionNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    AmqpUser = table.Column<string>(type: "nvarchar(63)", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    LocalAuthority = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "involvements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChildFragmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceProvisionName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Sector = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    ServiceType = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Sensitive = table.Column<bool>(type: "bit", nullable: false),
                    PractitionerJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PractitionerReference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    TimeBasedEvidenceJson = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_involvements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_involvements_child_fragments_ChildFragmentId",
                        column: x => x.ChildFragmentId,
                        principalTable: "child_fragments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "authority_transfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChildId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FromAuthority = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ToAuthority = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Origin = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ProposedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AcceptedByFrom = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    AcceptedByFromAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AcceptedByTo = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    AcceptedByToAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_authority_transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_authority_transfers_child_records_ChildId",
                        column: x => x.ChildId,
                        principalTable: "child_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "child_lifecycle",
                columns: table => new
                {
                    ChildId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ArchivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ArchiveReason = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    InvestigationHold = table.Column<bool>(type: "bit", nullable: false),
                    DateOfDeath = table.Column<DateOnly>(type: "date", nullable: true),
                    DeathNotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeathConfirmedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LeftEnglandOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LeftEnglandConfirmedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LeftEnglandDestination = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ShieldingRequestedByJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ResponsibleAuthority = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ResidenceAuthority = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_lifecycle", x => x.ChildId);
                    table.ForeignKey(
                        name: "FK_child_lifecycle_child_records_ChildId",
                        column: x => x.ChildId,
                        principalTable: "child_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "child_links",
                columns: table => new
                {
                    FragmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChildId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Probability = table.Column<double>(type: "float", nullable: true),
                    DemographicsSequence = table.Column<long>(type: "bigint", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_child_links", x => x.FragmentId);
                    table.ForeignKey(
                        name: "FK_child_links_child_records_ChildId",
                        column: x => x.ChildId,
                        principalTable: "child_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "involvement_retention",
                columns: table => new
                {
                    InvolvementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RetainUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    SetOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LastConfirmedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PromptedFor = table.Column<DateOnly>(type: "date", nullable: true),
                    LapsedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SetBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_involvement_retention", x => x.InvolvementId);
                    table.ForeignKey(
                        name: "FK_involvement_retention_involvements_InvolvementId",
                        column: x => x.InvolvementId,
                        principalTable: "involvements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "audit_head",
                columns: new[] { "Id", "LastHash", "LastPosition" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.InsertData(
                table: "linking_lease",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_authority_transfers_ChildId_Status",
                table: "authority_transfers",
                columns: new[] { "ChildId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_authority_transfers_Status_FromAuthority",
                table: "authority_transfers",
                columns: new[] { "Status", "FromAuthority" });

            migrationBuilder.CreateIndex(
                name: "IX_authority_transfers_Status_ToAuthority",
                table: "authority_transfers",
                columns: new[] { "Status", "ToAuthority" });

            migrationBuilder.CreateIndex(
                name: "IX_child_fragments_NhsNumber",
                table: "child_fragments",
                column: "NhsNumber");

            migrationBuilder.CreateIndex(
                name: "IX_child_fragments_SourceId_SourceChildId",
                table: "child_fragments",
                columns: new[] { "SourceId", "SourceChildId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_child_lifecycle_ArchivedOn",
                table: "child_lifecycle",
                column: "ArchivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_child_lifecycle_ResponsibleAuthority",
                table: "child_lifecycle",
                column: "ResponsibleAuthority");

            migrationBuilder.CreateIndex(
                name: "IX_child_links_ChildId",
                table: "child_links",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_child_links_Revision",
                table: "child_links",
                column: "Revision");

            migrationBuilder.CreateIndex(
                name: "IX_child_merges_Revision",
                table: "child_merges",
                column: "Revision");

            migrationBuilder.CreateIndex(
                name: "IX_child_merges_SurvivorChildId",
                table: "child_merges",
                column: "SurvivorChildId");

            migrationBuilder.CreateIndex(
                name: "IX_dead_letters_BodySha256",
                table: "dead_letters",
                column: "BodySha256");

            migrationBuilder.CreateIndex(
                name: "IX_held_messages_ExpiresAt",
                table: "held_messages",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_held_messages_SourceId_SourceChildId",
                table: "held_messages",
                columns: new[] { "SourceId", "SourceChildId" });

            migrationBuilder.CreateIndex(
                name: "IX_involvements_ChildFragmentId_ServiceProvisionName_StartDate",
                table: "involvements",
                columns: new[] { "ChildFragmentId", "ServiceProvisionName", "StartDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_processed_messages_SourceId_Outcome",
                table: "processed_messages",
                columns: new[] { "SourceId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_reply_outbox_SentAt_CreatedAt",
                table: "reply_outbox",
                columns: new[] { "SentAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_review_items_FragmentId",
                table: "review_items",
                column: "FragmentId");

            migrationBuilder.CreateIndex(
                name: "IX_review_items_Status_CreatedAt",
                table: "review_items",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_sources_AmqpUser",
                table: "sources",
                column: "AmqpUser",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "alert_rules");

            migrationBuilder.DropTable(
                name: "alert_states");

            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "audit_head");

            migrationBuilder.DropTable(
                name: "authority_transfers");

            migrationBuilder.DropTable(
                name: "child_lifecycle");

            migrationBuilder.DropTable(
                name: "child_links");

            migrationBuilder.DropTable(
                name: "child_merges");

            migrationBuilder.DropTable(
                name: "dead_letters");

            migrationBuilder.DropTable(
                name: "held_messages");

            migrationBuilder.DropTable(
                name: "involvement_retention");

            migrationBuilder.DropTable(
                name: "linking_lease");

            migrationBuilder.DropTable(
                name: "mismatch_states");

            migrationBuilder.DropTable(
                name: "processed_messages");

            migrationBuilder.DropTable(
                name: "reply_outbox");

            migrationBuilder.DropTable(
                name: "review_items");

            migrationBuilder.DropTable(
                name: "sources");

            migrationBuilder.DropTable(
                name: "child_records");

            migrationBuilder.DropTable(
                name: "involvements");

            migrationBuilder.DropTable(
                name: "child_fragments");
        }
    }
}
