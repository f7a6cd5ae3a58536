using System.CommandLine;
using AligNet.Cli.Emoji;
using SkiaSharp;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet emoji</c>: one stimulus folder per emoji style from npm packages already installed (deploy/emoji.sh
/// installs them and imports the folders), sharing concepts and order so sets can be compared across renderings.
/// </summary>
internal static class EmojiCommand
{
    public static Command Create()
    {
        var packages = new Option<DirectoryInfo>("--packages") { Description = "The node_modules folder holding emojibase-data and the style packages.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write one stimulus folder per style into.", Required = true };
        var styles = new Option<string[]>("--style") { Description = $"Styles to draw ({string.Join(", ", EmojiStyle.Names)}); default all.", AllowMultipleArgumentsPerToken = true };
        var size = new Option<int>("--size") { Description = "Width and height of each PNG in pixels.", DefaultValueFactory = _ => 224 };
        var background = new Option<string>("--background") { Description = "The colour transparent areas are flattened onto, #RRGGBB.", DefaultValueFactory = _ => "#FFFFFF" };
        var perSubgroup = new Option<int?>("--per-subgroup") { Description = "At most this many concepts per subgroup (the first in emoji order), for a smaller set." };
        var command = new Command("emoji",
            "Draw the emoji object concepts (animals & nature, food & drink, travel & places, activities, objects) in each style as " +
            "PNG stimulus folders with manifest.csv (category = group/subgroup) and description.txt (licence).")
        {
            packages, output, styles, size, background, perSubgroup,
        };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var colour = SKColor.TryParse(parse.GetValue(background)!, out var c) ? c
                : throw new ArgumentException($"--background '{parse.GetValue(background)}' is not a colour: write it as #RRGGBB, e.g. #FFFFFF.");
            var chosen = parse.GetValue(styles) is { Length: > 0 } list ? list : EmojiStyle.Names;
            var options = new EmojiSetOptions(chosen, parse.GetValue(size), colour, parse.GetValue(perSubgroup));
            var result = EmojiSetBuilder.Build(parse.GetValue(packages)!.FullName, parse.GetValue(output)!.FullName, options);
            foreach (var (style, folder) in result.Folders) Console.WriteLine($"{style}\t{folder}");
            Console.WriteLine($"{result.Concepts} concepts in {result.Subgroups} subgroups per style; {result.LeftOut.Count} left out" +
                (result.LeftOut.Count == 0 ? "." : ": " + string.Join("; ", result.LeftOut.Take(20)) + (result.LeftOut.Count > 20 ? "; …" : "")));
            return Task.FromResult(0);
        }));
        return command;
    }
}
