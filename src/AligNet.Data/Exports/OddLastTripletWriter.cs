using System.Globalization;
using System.Text;

namespace AligNet.Data.Exports;

/// <summary>
/// Writes answered trials as an <c>odd-last</c> triplet file (<c>i j k subject</c>, 0-based stimulus-set indices,
/// k = the chosen odd one out), the format <c>alignet eval</c> and the teacher read. Timeouts are left out.
/// </summary>
public static class OddLastTripletWriter
{
    public static async Task<long> WriteAsync(IAsyncEnumerable<ResponseExportRow> rows, Stream output, CancellationToken ct = default)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        long count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            if (r.ChosenPosition is not { } chosen) continue;
            int[] shown = [r.IndexLeft, r.IndexMiddle, r.IndexRight];
            var others = shown.Where((_, position) => position != chosen).ToArray();
            // Subjects must be one whitespace-free token in this format.
            var subject = string.Concat(r.Participant.Select(c => char.IsWhiteSpace(c) ? '_' : c));
            await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{others[0]} {others[1]} {shown[chosen]} {subject}"));
            count++;
        }
        return count;
    }
}
