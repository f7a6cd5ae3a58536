using Parquet;
using Parquet.Schema;

namespace AligNet.Ml.Generation;

/// <summary>
/// A shard as Parquet (Snappy, one row group): i, j, k (int32 pool indices, k the teacher's odd one out),
/// id_i, id_j, id_k (stimulus ids, only when the pool has them), logit_ij, logit_ik, logit_jk (float32, S / T) and
/// variant (the sampling variant's released name; Parquet dictionary-encodes it).
/// </summary>
public static class ShardFile
{
    private static readonly DataField<int> I = new("i"), J = new("j"), K = new("k");
    private static readonly DataField<string> IdI = new("id_i"), IdJ = new("id_j"), IdK = new("id_k");
    private static readonly DataField<float> LogitIj = new("logit_ij"), LogitIk = new("logit_ik"), LogitJk = new("logit_jk");
    private static readonly DataField<string> Variant = new("variant");
    private static readonly string[] VariantNames = [.. SamplingVariants.All.Select(v => v.Name())];

    private static ParquetSchema Schema(bool ids) => ids
        ? new(I, J, K, IdI, IdJ, IdK, LogitIj, LogitIk, LogitJk, Variant)
        : new(I, J, K, LogitIj, LogitIk, LogitJk, Variant);

    public static async Task WriteAsync(ShardRows rows, IReadOnlyList<string>? ids, Stream output, CancellationToken ct)
    {
        var n = rows.Count;
        await using var writer = await ParquetWriter.CreateAsync(Schema(ids is not null), output, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: ct);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(I, new ReadOnlyMemory<int>(rows.I, 0, n), null, null, ct);
        await group.WriteAsync(J, new ReadOnlyMemory<int>(rows.J, 0, n), null, null, ct);
        await group.WriteAsync(K, new ReadOnlyMemory<int>(rows.K, 0, n), null, null, ct);
        if (ids is not null)
        {
            await group.WriteAsync(IdI, Ids(rows.I, n, ids), null);
            await group.WriteAsync(IdJ, Ids(rows.J, n, ids), null);
            await group.WriteAsync(IdK, Ids(rows.K, n, ids), null);
        }
        await group.WriteAsync(LogitIj, new ReadOnlyMemory<float>(rows.LogitIj, 0, n), null, null, ct);
        await group.WriteAsync(LogitIk, new ReadOnlyMemory<float>(rows.LogitIk, 0, n), null, null, ct);
        await group.WriteAsync(LogitJk, new ReadOnlyMemory<float>(rows.LogitJk, 0, n), null, null, ct);
        var names = rows.VariantNames;
        for (var r = 0; r < n; r++) names[r] = VariantNames[(int)rows.Variant[r]];
        await group.WriteAsync(Variant, new ArraySegment<string>(names, 0, n), null);
    }

    private static string[] Ids(int[] index, int n, IReadOnlyList<string> ids)
    {
        var result = new string[n];
        for (var r = 0; r < n; r++) result[r] = ids[index[r]];
        return result;
    }

    /// <summary>A shard read back in full (tests, resume); the ids are null when the shard has none.</summary>
    public sealed record Content(int[] I, int[] J, int[] K, string[]? IdI, float[] LogitIj, float[] LogitIk, float[] LogitJk, string[] Variant);

    public static async Task<Content> ReadAsync(string path, CancellationToken ct = default)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: ct);
        if (reader.RowGroupCount != 1) throw new InvalidDataException($"{path}: a shard has one row group, this file has {reader.RowGroupCount}.");
        using var group = reader.OpenRowGroupReader(0);
        var n = checked((int)group.RowCount);
        // Parquet.Net reads through the reader's own schema fields (ours are attached only to schemas this process built).
        DataField Field(DataField ours) => reader.Schema.DataFields.FirstOrDefault(f => f.Name == ours.Name)
            ?? throw new InvalidDataException($"{path}: column '{ours.Name}' is missing; not a triplet shard.");
        async Task<T[]> Read<T>(DataField<T> field) where T : struct
        {
            var values = new T[n];
            await group.ReadAsync(Field(field), values.AsMemory(), null, ct);
            return values;
        }
        async Task<string[]> Text(DataField<string> field)
        {
            var values = new string?[n];
            await group.ReadAsync(Field(field), values.AsMemory(), null, ct);
            return [.. values.Select(v => v ?? "")];
        }
        var hasIds = reader.Schema.DataFields.Any(f => f.Name == IdI.Name);
        return new Content(await Read(I), await Read(J), await Read(K), hasIds ? await Text(IdI) : null,
            await Read(LogitIj), await Read(LogitIk), await Read(LogitJk), await Text(Variant));
    }
}
