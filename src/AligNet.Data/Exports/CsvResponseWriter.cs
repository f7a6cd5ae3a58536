using System.Globalization;
using nietras.SeparatedValues;

namespace AligNet.Data.Exports;

/// <summary>
/// Writes export rows as RFC 4180 CSV (UTF-8, header row, invariant culture). Sep formats rows synchronously into an
/// in-memory chunk; each chunk of <see cref="ChunkRows"/> rows goes to the output asynchronously, so an HTTP
/// response body (which forbids synchronous writes) streams with memory bounded by one chunk. Text cells are
/// neutralised against formula injection (<see cref="Neutralised"/>).
/// </summary>
public static class CsvResponseWriter
{
    public const int ChunkRows = 4096;

    public static async Task<long> WriteAsync(IAsyncEnumerable<ResponseExportRow> rows, Stream output, CancellationToken ct = default)
    {
        var names = ResponseExportColumns.All.Select(c => c.Name).ToArray();
        await using var text = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var chunk = new StringWriter(CultureInfo.InvariantCulture);
        using var writer = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(chunk);
        writer.Header.Add(names);
        long count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            using (var row = writer.NewRow())
            {
                row[0].Set(r.StudyId.ToString());
                row[1].Set(Neutralised(r.Study));
                row[2].Set(r.SessionId.ToString());
                row[3].Set(Neutralised(r.Participant));
                row[4].Set(Neutralised(r.Source));
                row[5].Set(Neutralised(r.QcStatus));
                row[6].Format(r.TrialIndex);
                row[7].Format(r.Block);
                row[8].Set(Neutralised(r.Kind));
                row[9].Set(r.StimulusLeft.ToString());
                row[10].Set(r.StimulusMiddle.ToString());
                row[11].Set(r.StimulusRight.ToString());
                row[12].Format(r.IndexLeft);
                row[13].Format(r.IndexMiddle);
                row[14].Format(r.IndexRight);
                row[15].Set(r.ChosenPosition?.ToString(CultureInfo.InvariantCulture) ?? "");
                row[16].Set(r.ChosenStimulus?.ToString() ?? "");
                row[17].Format(r.RtMs);
                row[18].Format(r.OnsetMs);
                row[19].Format(r.ResponseMs);
                row[20].Set(Neutralised(r.Input));
                row[21].Set(r.FocusLost ? "true" : "false");
                row[22].Format(r.FullscreenExits);
                row[23].Set(r.ReceivedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                row[24].Set(r.OnsetMethod);
                row[25].Set(r.Arm ?? "");
                row[26].Set(r.TeacherVersionId?.ToString() ?? "");
            }
            if (++count % ChunkRows == 0) await FlushChunkAsync(writer, chunk, text, ct);
        }
        if (count == 0) writer.Header.Write();
        await FlushChunkAsync(writer, chunk, text, ct);
        await text.FlushAsync(ct);
        return count;
    }

    /// <summary>
    /// OWASP's CSV-injection rule: a text cell that starts with = + - @, a tab or a carriage return would be run as
    /// a formula by Excel or LibreOffice, so it gets a leading apostrophe (shown as text, visible in the data).
    /// Only text cells: numbers are written as numbers.
    /// </summary>
    public static string Neutralised(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static async Task FlushChunkAsync(SepWriter writer, StringWriter chunk, StreamWriter output, CancellationToken ct)
    {
        writer.Flush();
        var builder = chunk.GetStringBuilder();
        await output.WriteAsync(builder, ct);
        builder.Clear();
    }
}
