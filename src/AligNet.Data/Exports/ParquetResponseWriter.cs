using Parquet;
using Parquet.Schema;

namespace AligNet.Data.Exports;

/// <summary>
/// Writes export rows as Parquet (Snappy), one row group per <see cref="RowGroupSize"/> rows: memory is bounded by
/// one row group, whatever the number of rows. Column names and meanings are those of the data dictionary.
/// </summary>
public static class ParquetResponseWriter
{
    public const int RowGroupSize = 50_000;

    private static readonly ParquetSchema Schema = new(
        new DataField<string>("study_id"), new DataField<string>("study"), new DataField<string>("session_id"),
        new DataField<string>("participant"), new DataField<string>("source"), new DataField<string>("qc_status"),
        new DataField<int>("trial_index"), new DataField<int>("block"), new DataField<string>("kind"),
        new DataField<string>("stimulus_left"), new DataField<string>("stimulus_middle"), new DataField<string>("stimulus_right"),
        new DataField<int>("index_left"), new DataField<int>("index_middle"), new DataField<int>("index_right"),
        new DataField<int?>("chosen_position"), new DataField<string>("chosen_stimulus"),
        new DataField<double>("rt_ms"), new DataField<double>("onset_ms"), new DataField<double>("response_ms"),
        new DataField<string>("input"), new DataField<bool>("focus_lost"), new DataField<int>("fullscreen_exits"),
        new DataField<DateTime>("received_at"), new DataField<string>("onset_method"),
        new DataField<string>("arm"), new DataField<string>("teacher_version_id"));

    public static async Task<long> WriteAsync(IAsyncEnumerable<ResponseExportRow> rows, Stream output, CancellationToken ct = default)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(Schema, output, options, cancellationToken: ct);
        var buffer = new List<ResponseExportRow>(RowGroupSize);
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            buffer.Add(row);
            if (buffer.Count == RowGroupSize)
            {
                await WriteGroupAsync(writer, buffer, ct);
                count += buffer.Count;
                buffer.Clear();
            }
        }
        if (buffer.Count > 0 || count == 0)
        {
            await WriteGroupAsync(writer, buffer, ct);
            count += buffer.Count;
        }
        return count;
    }

    private static async Task WriteGroupAsync(ParquetWriter writer, List<ResponseExportRow> rows, CancellationToken ct)
    {
        using var group = writer.CreateRowGroup();
        var f = Schema.DataFields;
        Task Text(int index, Func<ResponseExportRow, string?> value) =>
            group.WriteAsync(f[index], rows.Select(value).ToArray(), null);
        Task Value<T>(int index, Func<ResponseExportRow, T> value) where T : struct =>
            group.WriteAsync(f[index], new ReadOnlyMemory<T>(rows.Select(value).ToArray()), null, null, ct);
        Task Nullable<T>(int index, Func<ResponseExportRow, T?> value) where T : struct =>
            group.WriteAsync(f[index], new ReadOnlyMemory<T?>(rows.Select(value).ToArray()), null, null, ct);

        await Text(0, r => r.StudyId.ToString());
        await Text(1, r => r.Study);
        await Text(2, r => r.SessionId.ToString());
        await Text(3, r => r.Participant);
        await Text(4, r => r.Source);
        await Text(5, r => r.QcStatus);
        await Value(6, r => r.TrialIndex);
        await Value(7, r => r.Block);
        await Text(8, r => r.Kind);
        await Text(9, r => r.StimulusLeft.ToString());
        await Text(10, r => r.StimulusMiddle.ToString());
        await Text(11, r => r.StimulusRight.ToString());
        await Value(12, r => r.IndexLeft);
        await Value(13, r => r.IndexMiddle);
        await Value(14, r => r.IndexRight);
        await Nullable(15, r => r.ChosenPosition);
        await Text(16, r => r.ChosenStimulus?.ToString());
        await Value(17, r => r.RtMs);
        await Value(18, r => r.OnsetMs);
        await Value(19, r => r.ResponseMs);
        await Text(20, r => r.Input);
        await Value(21, r => r.FocusLost);
        await Value(22, r => r.FullscreenExits);
        await Value(23, r => r.ReceivedAt.UtcDateTime);
        await Text(24, r => r.OnsetMethod);
        await Text(25, r => r.Arm);
        await Text(26, r => r.TeacherVersionId?.ToString());
    }
}
