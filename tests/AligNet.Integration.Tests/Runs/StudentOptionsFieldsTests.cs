using AligNet.Domain.Runs;
using AligNet.Web.Components.Pages.Research;
using Bunit;
using MudBlazor.Services;

namespace AligNet.Integration.Tests.Runs;

/// <summary>The student options of the launcher and the schedules page in bUnit: what an admin types, what is refused and why.</summary>
public sealed class StudentOptionsFieldsTests : BunitContext
{
    public StudentOptionsFieldsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<StudentOptionsFields> RenderFields(string? baseModel = StudentSettings.ImageBaseModel) =>
        Render<StudentOptionsFields>(p => p.Add(f => f.BaseModel, baseModel));

    private static void Type(IRenderedComponent<StudentOptionsFields> fields, string label, string value) =>
        fields.FindAll("div.mud-input-control").Single(c => c.QuerySelector("label")?.TextContent == label).QuerySelector("input")!.Change(value);

    private static void Pick(IRenderedComponent<StudentOptionsFields> fields, string group, string option) =>
        fields.Find($"[data-testid=choice-{group}]").QuerySelectorAll("label.mud-radio")
            .Single(l => l.TextContent.Trim() == option).QuerySelector("input")!.Click();

    [Fact]
    public void An_embedding_student_by_default_has_no_problems_and_gives_the_run_defaults()
    {
        var fields = RenderFields();

        Assert.Empty(fields.FindAll("[data-testid=student-problems]"));
        Assert.Empty(fields.Instance.Problems);
        var run = fields.Instance.Settings.ToParameters(Guid.Empty, null, 7);
        Assert.Equal(new StudentRunParameters(Guid.Empty, null, Seed: 7), run);
        Assert.Empty(fields.FindAll("[data-testid=choice-train-from]"));
    }

    [Fact]
    public void The_image_options_appear_and_reach_the_run_parameters()
    {
        var fields = RenderFields();
        fields.Find("input[data-testid=student-image], [data-testid=student-image] input").Change(true);
        Pick(fields, "train-from", "layer3");
        Pick(fields, "batchnorm", "batch");
        Pick(fields, "prefix-cache", "memory");
        Pick(fields, "objective", "kl");
        Type(fields, "Student steps", "20");
        Type(fields, "Seed (empty = pipeline's)", "5");
        fields.Find("input[data-testid=student-linear-head], [data-testid=student-linear-head] input").Change(false);

        Assert.Empty(fields.Instance.Problems);
        var run = fields.Instance.Settings.ToParameters(Guid.Empty, null, 42);
        // An image student starts at the smaller step the demo run needed (1e-5, 32 triplets), not the head's 1e-3 × 512.
        Assert.Equal(("layer3", false, "batch", "memory", "kl", 20, 32, 1e-5, 5), (run.TrainFrom, run.LinearHead, run.BatchNorm, run.PrefixCache, run.Objective, run.Steps, run.Batch, run.LearningRate, run.Seed));
        Assert.Equal("image student from layer3, no head, BatchNorm batch, memory cache; 20 steps × 32, lr 1e-05, decay 1, τ_s calibrated, kl, seed 5", run.Describe());
    }

    [Fact]
    public void Tau_is_calibrated_when_empty_and_the_typed_number_otherwise()
    {
        var fields = RenderFields();
        Assert.Null(fields.Instance.Settings.Temperature);

        Type(fields, "Temperature τ_s", "190");
        Assert.Empty(fields.Instance.Problems);
        var run = fields.Instance.Settings.ToParameters(Guid.Empty, null, 1);
        Assert.Equal(190, run.Temperature);
        Assert.Contains("τ_s 190,", run.Describe());

        Type(fields, "Temperature τ_s", " ");
        Assert.Empty(fields.Instance.Problems);
        Assert.Null(fields.Instance.Settings.Temperature);
    }

    [Theory]
    [InlineData("Student steps", "0", "Student steps must be from 1 to 10,000,000, not 0.")]
    [InlineData("Batch (triplets)", "0", "Student batch must be from 1 to 1,000,000 triplets, not 0.")]
    [InlineData("Learning rate", "0", "Student learning rate must lie between 0 and 1")]
    [InlineData("Learning rate", "1e-5x", "Learning rate '1e-5x' is not a number: write it like 0.001 or 1e-5.")]
    [InlineData("Decay to initial weights", "-1", "Student decay toward the initial weights must be 0 or more, not -1.")]
    [InlineData("Temperature τ_s", "0", "Student temperature τ_s must be positive (or empty for the calibrated one), not 0.")]
    [InlineData("Temperature τ_s", "auto", "Temperature τ_s 'auto' is not a number")]
    [InlineData("Seed (empty = pipeline's)", "-3", "Student seed must be 0 or more")]
    public void A_bad_value_is_shown_under_the_fields_with_the_fix(string label, string value, string expected)
    {
        var fields = RenderFields();
        Type(fields, label, value);

        var shown = fields.Find("[data-testid=student-problems]").TextContent;
        Assert.Contains(expected, shown);
        Assert.Single(fields.Instance.Problems);
    }

    [Fact]
    public void An_image_student_over_a_teacher_of_other_features_names_the_base_model_to_choose()
    {
        var fields = RenderFields(baseModel: "clip-vit-b32");
        Assert.Empty(fields.Instance.Problems); // an embedding student is fine over any features

        fields.Find("input[data-testid=student-image], [data-testid=student-image] input").Change(true);

        Assert.Contains("set the base model to resnet18-onnx, or choose an embedding student", fields.Find("[data-testid=student-problems]").TextContent);
    }
}
