using AligNet.Evaluation.Statistics;
using AligNet.Evaluation.Suite;

namespace AligNet.Cli.Commands;

/// <summary>The human-readable summary of <c>alignet evaluate</c> (the JSON holds every figure).</summary>
internal static class EvaluateText
{
    public static void Print(SuiteReport r)
    {
        Console.WriteLine($"{r.Responses} responses, {r.Triplets} triplets, {r.Participants} participants; {r.Bootstrap} bootstrap replicates, seed {r.Seed}");
        foreach (var m in r.Models) Console.WriteLine($"{m.Name}: T = {m.Temperature:G4} ({m.TemperatureSource})");
        Console.WriteLine($"{"level",-14} {"responses",10} {"ceiling",-22} " + string.Join(" ", r.Models.Select(m => $"{m.Name + " accuracy",-24}")));
        foreach (var (name, level) in new[] { ("all", r.All) }.Concat(r.Levels.Select(l => (l.Key, l.Value))))
        {
            var accuracies = string.Join(" ", level.Models.Select(m => $"{Show(m["accuracy"]),-24}"));
            Console.WriteLine($"{name,-14} {level.Responses,10} {Show(level.Human["noise_ceiling"]),-22} {accuracies}");
        }
        if (r.All.Difference is { } d) Console.WriteLine($"accuracy difference (model − baseline): {Show(d["accuracy"])}");
        if (r.Rsa is { } rsa) Console.WriteLine($"RSA ρ ({rsa.Source}, {rsa.Pairs} pairs): " + string.Join(", ", rsa.Rho.Select((e, i) => $"{r.Models[i].Name} {Show(e)}")));
    }

    private static string Show(Estimate? e) => e is null ? "n/a" : e.CiLow is { } low ? $"{e.Value:F4} [{low:F4}, {e.CiHigh:F4}]" : $"{e.Value:F4}";
}
