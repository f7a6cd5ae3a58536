namespace AligNet.Data.Exports;

public enum ExportFormat
{
    Csv,
    Parquet,
    OddLast,
}

public static class ExportFormats
{
    public static ExportFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "parquet" => ExportFormat.Parquet,
        "odd-last" => ExportFormat.OddLast,
        _ => throw new ArgumentException($"Unknown export format '{text}': use csv, parquet or odd-last."),
    };

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Parquet => "application/vnd.apache.parquet",
        _ => "text/plain; charset=utf-8",
    };

    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => ".csv",
        ExportFormat.Parquet => ".parquet",
        _ => ".odd-last.txt",
    };
}
