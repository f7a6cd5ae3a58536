using System.Globalization;
using AligNet.Domain.Runs;
using Microsoft.AspNetCore.Components;

namespace AligNet.Web.Components.Pages.Research;

/// <summary>
/// Edits a <see cref="StudentSettings"/>: numbers typed as text (so "1e-5" and a half-typed value are kept as typed and
/// reported, not silently rounded), the problems of <see cref="StudentSettings.Problems"/> listed under the fields.
/// The owner reads <see cref="Settings"/> and <see cref="Problems"/> when it launches.
/// </summary>
public partial class StudentOptionsFields
{
    /// <summary>The base model of the teacher trained in the same pipeline (null: none), which an image student must match.</summary>
    [Parameter] public string? BaseModel { get; set; }
    [Parameter] public EventCallback Changed { get; set; }

    private bool image;
    private int steps = 2000, batch = 512;
    // τ_s empty = calibrated (the base model's fitted temperature × mean ‖x‖²): τ_s = 1 saturates q on ResNet18 features.
    private string learningRate = "0.001", decay = "1", temperature = "";
    private int? seed;
    private string objective = "jsd", head = "linear", trainFrom = "layer4", batchNorm = "frozen", cache = "disk";
    private bool linearHead = true;

    public StudentSettings Settings => new(image ? StudentSettings.Image : StudentSettings.Embedding, steps, batch, Number(learningRate), Number(decay),
        Blank(temperature) ? null : Number(temperature), objective, seed, head, trainFrom, linearHead, batchNorm, cache);

    /// <summary>What is wrong, one sentence each; numbers that do not parse are named as typed.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var defaults = new StudentSettings();
            // A field that does not parse is reported as typed; the rules then check the rest with its default in its place.
            var rest = Settings with
            {
                LearningRate = Parsed(learningRate) ?? defaults.LearningRate, Decay = Parsed(decay) ?? defaults.Decay,
                Temperature = Parsed(temperature) ?? defaults.Temperature,
            };
            return [.. Unparsed("Learning rate", learningRate), .. Unparsed("Decay", decay), .. (Blank(temperature) ? [] : Unparsed("Temperature τ_s", temperature)),
                .. rest.Problems(BaseModel)];
        }
    }

    private static double? Parsed(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double Number(string text) => Parsed(text) ?? double.NaN;

    private static bool Blank(string text) => string.IsNullOrWhiteSpace(text);

    private static IEnumerable<string> Unparsed(string name, string text)
    {
        if (Parsed(text) is null) yield return $"{name} '{text}' is not a number: write it like 0.001 or 1e-5.";
    }

    private Task SetImageAsync(bool value)
    {
        image = value;
        // An image student's pretrained stages move with far smaller steps than a fresh head (the demo run: 1e-5 for layer4, 32 triplets).
        if (image && learningRate == "0.001") learningRate = "1e-5";
        if (image && batch == 512) batch = 32;
        if (!image && learningRate == "1e-5") learningRate = "0.001";
        if (!image && batch == 32) batch = 512;
        return Changed.InvokeAsync();
    }

    private Task SetAsync(Action change)
    {
        change();
        return Changed.InvokeAsync();
    }
}
