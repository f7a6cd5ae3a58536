using Markdig;

namespace AligNet.Web.Participants;

/// <summary>
/// Renders a study's Markdown texts (consent, instructions, debrief) to HTML that is safe to insert into the
/// participant page: raw HTML in the Markdown is escaped, not passed through, so a text can never inject script.
/// </summary>
public static class StudyText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseListExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToHtml(markdown, Pipeline);
}
