using Ganss.Xss;
using Markdig;

namespace AligNet.Web.Participants;

/// <summary>
/// Renders a study's Markdown texts (consent, instructions, debrief) to HTML that is safe to insert into the
/// participant page (through innerHTML) and the staff editor's preview. Two layers: raw HTML in the Markdown is
/// escaped, not passed through; and the rendered HTML then goes through an allow-list sanitiser, because Markdown
/// itself makes dangerous HTML (<c>[x](javascript:…)</c> becomes <c>&lt;a href="javascript:…"&gt;</c>).
/// Only http, https and mailto links survive; every link gets rel="noopener noreferrer".
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

    // HtmlSanitizer is safe to share across threads once configured; configured once here and never changed.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The allow-list pass alone (exposed for tests of the sanitiser's rules).</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Default schemes are http, https; data: and javascript: are absent, so such URLs are dropped.
        sanitizer.AllowedSchemes.Add("mailto");
        // Styles are not needed in study texts and would need 'unsafe-inline' under the CSP: drop them.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
