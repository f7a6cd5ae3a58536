using AligNet.Web.Participants;

namespace AligNet.Integration.Tests.Security;

/// <summary>
/// Rendered study texts against known stored-XSS vectors. Markdown turns <c>[x](javascript:…)</c> into a live
/// link even with raw HTML disabled; the allow-list sanitiser must drop it, while ordinary formatting survives.
/// </summary>
public class StudyTextSanitiserTests
{
    [Theory]
    [InlineData("[click me](javascript:alert(document.cookie))")]
    [InlineData("[click me](JaVaScRiPt:alert(1))")]
    [InlineData("[click me](java&#x09;script:alert(1))")]
    [InlineData("[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click me](vbscript:msgbox(1))")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void Script_and_data_urls_never_reach_the_page(string markdown)
    {
        var html = StudyText.ToSafeHtml(markdown);

        // The words may stay as harmless text; no attribute may carry such a URL.
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("(href|src)\\s*=\\s*[\"']?\\s*(javascript|data|vbscript)", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("src", html);
    }

    [Fact]
    public void Raw_html_and_event_handlers_stay_text()
    {
        var html = StudyText.ToSafeHtml("<img src=x onerror=alert(1)> <script>alert(2)</script> <a href=\"https://x\" onclick=\"alert(3)\">y</a>");

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<a ", html);
    }

    [Fact]
    public void Html_that_only_the_sanitiser_sees_loses_scripts_handlers_and_styles()
    {
        var html = StudyText.Sanitize("<p style=\"background:url(x)\" onclick=\"alert(1)\">t</p><script>alert(2)</script><iframe src=\"https://evil.example\"></iframe><a href=\"https://ok.example\" target=\"_blank\">ok</a>");

        Assert.Equal("<p>t</p><a href=\"https://ok.example\" target=\"_blank\" rel=\"noopener noreferrer\">ok</a>", html);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_formatting_and_links_get_noopener()
    {
        var html = StudyText.ToSafeHtml("You agree to **take part**.\n\n- one\n- two\n\nSee [the protocol](https://example.org/p?a=1&b=2) or <mailto:lab@example.org>.");

        Assert.Contains("<strong>take part</strong>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<a href=\"https://example.org/p?a=1&amp;b=2\" rel=\"noopener noreferrer\">the protocol</a>", html);
        Assert.Contains("href=\"mailto:lab@example.org\"", html);
    }
}
