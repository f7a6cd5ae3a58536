using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>Signing in through the real form, and waiting until Blazor's live connection owns the page.</summary>
internal static class Session
{
    public static readonly PageWaitForURLOptions Wait = new() { Timeout = 30_000 };

    public static async Task<IPage> SignedInAsync(BrowserFixture fixture, string email, string password, string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(path));
        await SignInAsync(page, email, password);
        await page.WaitForURLAsync("**" + path, Wait);
        await WaitUntilInteractiveAsync(page);
        return page;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Inputs filled before the live connection takes over the prerendered page would be lost.</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
}
