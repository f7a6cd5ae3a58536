using System.CommandLine;
using AligNet.Data;
using AligNet.Data.Dashboards;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet dashboards rebuild [--fold]</c>: forgets the dashboard aggregates (ADR-024) so that the next fold starts
/// over. For responses written outside the answer path with an old ReceivedAt (a restored backup, a bulk import),
/// which a fold that already passed them would never see. The pages stay exact meanwhile (all responses are tail),
/// only slower until the web host's fold has run; <c>--fold</c> folds everything at once instead (minutes on 1 M responses).
/// </summary>
internal static class DashboardsCommand
{
    public static Command Create()
    {
        var fold = new Option<bool>("--fold") { Description = "Fold every response into the aggregates now instead of leaving it to the web host's next fold." };
        var rebuild = new Command("rebuild", "Empty the dashboard aggregates and fold again from the first response (after a restore or a bulk load of responses).") { fold };
        rebuild.SetAction(async (parse, ct) =>
        {
            await using var source = DataServiceCollectionExtensions.CreateDataSource(CliConfiguration.ConnectionString());
            var aggregates = new DashboardFold(source);
            await aggregates.RebuildAsync(ct);
            Console.WriteLine("Dashboard aggregates emptied; the pages read every response live until the next fold.");
            if (!parse.GetValue(fold)) return;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await aggregates.FoldAsync(ct);
            Console.WriteLine(result.Folded
                ? $"Folded in {clock.Elapsed.TotalSeconds:F1} s ({result.Chunks} chunk(s)), up to {result.FoldedBefore:u}."
                : "Another fold is running (a web host): it will fold everything; nothing to do here.");
        });
        return new Command("dashboards", "The dashboards' aggregates (ADR-024).") { rebuild };
    }
}
