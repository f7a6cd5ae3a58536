using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>
/// Choosing an option of a MudSelect and making sure the choice took. On a loaded machine a click on an option can land
/// while the select's own re-render is still in flight and be dropped (CI, stop 21: the models dashboard's map choice
/// never reached the server; the schedules form lost text typed just after a select). What the tests check is the page's
/// answer to a choice, not the widget's click handling, so a choice that did not show in the select is made again.
/// </summary>
internal static class Choose
{
    private const int Attempts = 3;

    /// <summary>Opens <paramref name="select"/> and clicks the option whose text is or contains <paramref name="option"/>.</summary>
    public static async Task OptionAsync(IPage page, ILocator select, string option, bool exact = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = exact });
            var text = (await item.InnerTextAsync()).Trim();
            await item.ClickAsync();
            try
            {
                // The combobox (MudBlazor puts the test id on it) shows the chosen option's text once the circuit has taken it.
                await Assertions.Expect(select).ToHaveTextAsync(text, new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < Attempts)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }
}
