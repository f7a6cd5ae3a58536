using AligNet.Benchmarks;

namespace AligNet.Benchmarks;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__AligNet")
            ?? throw new InvalidOperationException("Set ConnectionStrings__AligNet to the benchmark database.");
        switch (args.FirstOrDefault())
        {
            case "seed-responses":
                await ResponseSeeder.SeedAsync(connection, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "export":
                await ExportBenchmark.RunPlatformAsync(connection, args[1], args[2]);
                return 0;
            case "copy-csv":
                await ExportBenchmark.RunPostgresCopyAsync(connection, args[1]);
                return 0;
            case "dashboards-fold":
                await DashboardFoldBenchmark.FoldAsync(connection);
                return 0;
            case "dashboards-tail":
                await DashboardFoldBenchmark.TailAsync(connection, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "dashboards-flip":
                await DashboardFoldBenchmark.FlipAsync(connection, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "dashboards-shape":
                await DashboardBenchmark.ShapeAsync(connection);
                return 0;
            case "dashboards-adaptive":
                await DashboardAdaptiveShape.ShapeAsync(connection);
                return 0;
            case "dashboards":
                await DashboardBenchmark.RunAsync(connection, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
                return 0;
            default:
                Console.Error.WriteLine("usage: seed-responses N | export csv|parquet|odd-last FILE | copy-csv FILE | dashboards-shape | dashboards-adaptive | dashboards [ROUNDS] | dashboards-fold | dashboards-tail N | dashboards-flip N");
                return 64;
        }
    }
}
