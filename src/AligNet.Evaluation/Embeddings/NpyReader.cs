using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace AligNet.Evaluation.Embeddings;

/// <summary>
/// Reads a 2-D float32/float64 NumPy <c>.npy</c> file (format versions 1–3, C or Fortran order, either byte order).
/// Layout: magic "\x93NUMPY", major, minor, header length (u16 in v1, u32 in v2/v3), a Python dict literal, data.
/// </summary>
public static partial class NpyReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static EmbeddingMatrix Read(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "file not found.");
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static EmbeddingMatrix Read(Stream stream, string name)
    {
        Span<byte> preamble = stackalloc byte[10];
        if (stream.ReadAtLeast(preamble, 10, throwOnEndOfStream: false) < 10 || !preamble[..6].SequenceEqual(Magic))
        {
            throw new DataFormatException(name, null, "not a .npy file (the magic \\x93NUMPY is missing).");
        }
        var major = preamble[6];
        int headerLength;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..10]);
                break;
            case 2 or 3:
                Span<byte> rest = stackalloc byte[2];
                if (stream.ReadAtLeast(rest, 2, throwOnEndOfStream: false) < 2) throw Truncated(name);
                headerLength = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian([.. preamble[8..10], .. rest]), int.MaxValue);
                break;
            default:
                throw new DataFormatException(name, null, $".npy format version {major} is not supported (1, 2 and 3 are).");
        }
        if (headerLength > 1 << 20) throw new DataFormatException(name, null, "the .npy header is implausibly long; the file is corrupt.");

        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerLength, throwOnEndOfStream: false) < headerLength) throw Truncated(name);
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var (itemSize, bigEndian, isDouble) = ParseDescr(header, name);
        var fortran = ParseFortranOrder(header, name);
        var (rows, columns) = ParseShape(header, name);

        var count = (long)rows * columns;
        if (count > Array.MaxLength) throw new DataFormatException(name, null, $"shape ({rows}, {columns}) is too large to load.");
        var raw = new byte[count * itemSize];
        if (stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false) < raw.Length)
        {
            throw new DataFormatException(name, null, $"truncated: shape ({rows}, {columns}) needs {raw.Length} data bytes, the file holds fewer.");
        }

        var values = new double[count];
        for (long i = 0; i < count; i++)
        {
            var bytes = raw.AsSpan((int)(i * itemSize), itemSize);
            var value = isDouble
                ? (bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes))
                : (bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes));
            // Fortran order stores column by column: element i is (i % rows, i / rows).
            var target = fortran ? (i % rows) * columns + i / rows : i;
            values[target] = value;
        }
        return new EmbeddingMatrix(rows, columns, values);
    }

    private static DataFormatException Truncated(string name) => new(name, null, "truncated: the file ends inside its header.");

    private static (int ItemSize, bool BigEndian, bool IsDouble) ParseDescr(string header, string name)
    {
        var match = DescrPattern().Match(header);
        if (!match.Success) throw new DataFormatException(name, null, "the .npy header has no 'descr'.");
        var descr = match.Groups[1].Value;
        return descr switch
        {
            "<f4" or "=f4" => (4, false, false),
            ">f4" => (4, true, false),
            "<f8" or "=f8" => (8, false, true),
            ">f8" => (8, true, true),
            _ => throw new DataFormatException(name, null, $"dtype '{descr}' is not supported: save the embeddings as float32 or float64."),
        };
    }

    private static bool ParseFortranOrder(string header, string name)
    {
        var match = FortranPattern().Match(header);
        return match.Success ? match.Groups[1].Value == "True" : throw new DataFormatException(name, null, "the .npy header has no 'fortran_order'.");
    }

    private static (int Rows, int Columns) ParseShape(string header, string name)
    {
        var match = ShapePattern().Match(header);
        if (!match.Success) throw new DataFormatException(name, null, "the .npy header has no 'shape'.");
        var dims = match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 2 || !int.TryParse(dims[0], out var rows) || !int.TryParse(dims[1], out var columns) || rows <= 0 || columns <= 0)
        {
            throw new DataFormatException(name, null, $"shape ({match.Groups[1].Value}) is not a 2-D matrix of stimuli × dimensions.");
        }
        return (rows, columns);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
