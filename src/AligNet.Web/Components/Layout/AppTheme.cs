using MudBlazor;

namespace AligNet.Web.Components.Layout;

/// <summary>One theme for the whole site. System fonts only: there is no CDN at run time.</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#2f5d8a", AppbarBackground = "#2f5d8a" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
    };
}
