using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Audit;
using AligNet.Data.Exports;
using AligNet.Data.Identity;
using AligNet.Domain.Audit;
using AligNet.Domain.Studies;
using AligNet.Web.Accounts;

namespace AligNet.Web.Exports;

/// <summary>
/// Streamed downloads for researchers: <c>GET /api/exports/responses?study=ID&amp;format=csv|parquet|odd-last[&amp;rawIds=true]</c>
/// (participant ids pseudonymised unless an admin asks for raw ids, which is audited)
/// and the data dictionary. Rows go from PostgreSQL to the response body without being held in memory.
/// </summary>
public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/exports").RequireAuthorization(AccountSetup.StaffPolicy);

        exports.MapGet("/data-dictionary", () => Results.Text(ResponseExportColumns.Markdown(), "text/markdown; charset=utf-8"));

        exports.MapGet("/responses", async (HttpContext http, AligNetDbContext db, AuditTrail audit, Guid? study, string? format, bool? rawIds, CancellationToken ct) =>
        {
            ExportFormat chosen;
            try
            {
                chosen = ExportFormats.Parse(format ?? "csv");
            }
            catch (ArgumentException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            if (chosen == ExportFormat.OddLast && study is null)
            {
                return Results.Problem("An odd-last export needs one study: add ?study=ID.", statusCode: StatusCodes.Status400BadRequest);
            }
            // A study the caller may not see answers exactly like one that does not exist: no hint that it does.
            var caller = CurrentStaff.From(http.User)!;
            var access = new StaffAccess(db, caller);
            if (study is { } id && !await access.MayAsync(id, StudyRole.Viewer, ct))
            {
                return Results.Problem($"No study with id {id}.", statusCode: StatusCodes.Status404NotFound);
            }
            var filter = new ExportFilter(study, RawParticipantIds: rawIds == true)
            {
                StudyIds = study is null ? await access.ExportableStudiesAsync(ct) : null,
            };

            if (rawIds == true)
            {
                // The platform's own participant ids are personal data: admins only, and every such export is recorded.
                if (!http.User.IsInRole(Roles.Admin))
                {
                    return Results.Problem("Only admins may export the recruitment platform's participant ids (rawIds=true); leave it out for pseudonyms.",
                        statusCode: StatusCodes.Status403Forbidden);
                }
                await audit.RecordAsync(caller.Email, AuditActions.ExportRawIds, study is null ? "study/*" : $"study/{study}",
                    new { format = chosen.ToString(), studies = filter.StudyIds?.Count }, ct);
            }
            await audit.RecordAsync(caller.Email, AuditActions.ExportResponses, study is null ? "study/*" : $"study/{study}",
                new { format = chosen.ToString(), studies = filter.StudyIds?.Count, rawIds = rawIds == true }, ct);

            var name = $"responses-{(study?.ToString("N")[..8] ?? "all")}-{DateTime.UtcNow:yyyyMMdd-HHmmss}{chosen.Extension()}";
            http.Response.ContentType = chosen.ContentType();
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            // Parquet writes its footer with positions, so it goes through a temporary file; CSV streams directly.
            if (chosen == ExportFormat.Parquet)
            {
                await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                await new ResponseExporter(db).ExportAsync(chosen, filter, temp, ct);
                temp.Position = 0;
                await temp.CopyToAsync(http.Response.Body, ct);
            }
            else
            {
                await new ResponseExporter(db).ExportAsync(chosen, filter, http.Response.Body, ct);
            }
            return Results.Empty;
        });
    }
}
