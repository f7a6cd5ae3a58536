using System.Text.Json;

namespace AligNet.Cli.Emoji;

/// <summary>Artwork of one emoji in one style: SVG text or raster bytes (WebP/PNG).</summary>
public sealed record EmojiArtwork(string? Svg, byte[]? Raster);

/// <summary>
/// One rendering of the emoji, read from its npm package under a node_modules folder. File names differ between
/// packages (upper or lower case, with or without the FE0F variation selector), so each lookup tries those forms.
/// </summary>
public abstract class EmojiStyle(string name, string package, string licence)
{
    public string Name { get; } = name;
    public string Package { get; } = package;
    public string Licence { get; } = licence;

    public abstract EmojiArtwork? Find(string hexcode);

    /// <summary>The file-name forms of a hexcode, lower case: as given, without FE0F, with FE0F appended.</summary>
    protected static IEnumerable<string> Forms(string hexcode)
    {
        var lower = hexcode.ToLowerInvariant();
        yield return lower;
        yield return string.Join('-', lower.Split('-').Where(p => p != "fe0f"));
        yield return lower + "-fe0f";
    }

    public static IReadOnlyList<string> Names => ["openmoji", "twemoji", "noto", "fluent-3d"];

    public static EmojiStyle Open(string name, string nodeModules)
    {
        string Folder(string package)
        {
            var folder = Path.Combine(nodeModules, package);
            return Directory.Exists(folder) ? folder
                : throw new ArgumentException($"Style '{name}' needs the npm package {package}, which is not in {nodeModules}: run deploy/emoji.sh, or 'npm install {package}' there.");
        }
        return name switch
        {
            "openmoji" => new FileStyle(name, "openmoji", Path.Combine(Folder("openmoji"), "color", "svg"), ".svg", upper: true,
                "OpenMoji (openmoji.org), CC BY-SA 4.0: attribution required, derivatives under the same licence"),
            "twemoji" => new FileStyle(name, "@twemoji/svg", Folder("@twemoji/svg"), ".svg", upper: false,
                "Twemoji (jdecked/twemoji), graphics CC BY 4.0, code MIT: attribution required"),
            "fluent-3d" => new FileStyle(name, "@lobehub/fluent-emoji-3d", Path.Combine(Folder("@lobehub/fluent-emoji-3d"), "assets"), ".webp", upper: false,
                "Microsoft Fluent Emoji 3D (via @lobehub/fluent-emoji-3d), MIT"),
            "noto" => new IconifyStyle(name, "@iconify-json/noto", Folder("@iconify-json/noto"),
                "Google Noto Emoji (via @iconify-json/noto), Apache 2.0"),
            _ => throw new ArgumentException($"Unknown emoji style '{name}': use {string.Join(", ", Names)}."),
        };
    }

    private sealed class FileStyle(string name, string package, string folder, string extension, bool upper, string licence) : EmojiStyle(name, package, licence)
    {
        public override EmojiArtwork? Find(string hexcode)
        {
            foreach (var form in Forms(hexcode))
            {
                var path = Path.Combine(folder, (upper ? form.ToUpperInvariant() : form) + extension);
                if (!File.Exists(path)) continue;
                return extension == ".svg" ? new EmojiArtwork(File.ReadAllText(path), null) : new EmojiArtwork(null, File.ReadAllBytes(path));
            }
            return null;
        }
    }

    /// <summary>An Iconify JSON set: <c>chars.json</c> maps code points to icon names, <c>icons.json</c> holds each icon's SVG body.</summary>
    private sealed class IconifyStyle : EmojiStyle
    {
        private readonly Dictionary<string, string> chars;
        private readonly Dictionary<string, (string Body, double Width, double Height)> icons = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal);

        public IconifyStyle(string name, string package, string folder, string licence) : base(name, package, licence)
        {
            chars = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(folder, "chars.json")))!;
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "icons.json")));
            var root = doc.RootElement;
            double width = root.TryGetProperty("width", out var w) ? w.GetDouble() : 16, height = root.TryGetProperty("height", out var h) ? h.GetDouble() : 16;
            foreach (var icon in root.GetProperty("icons").EnumerateObject())
            {
                icons[icon.Name] = (icon.Value.GetProperty("body").GetString()!,
                    icon.Value.TryGetProperty("width", out var iw) ? iw.GetDouble() : width,
                    icon.Value.TryGetProperty("height", out var ih) ? ih.GetDouble() : height);
            }
            if (root.TryGetProperty("aliases", out var list))
            {
                foreach (var alias in list.EnumerateObject()) aliases[alias.Name] = alias.Value.GetProperty("parent").GetString()!;
            }
        }

        public override EmojiArtwork? Find(string hexcode)
        {
            foreach (var form in Forms(hexcode))
            {
                if (!chars.TryGetValue(form, out var iconName)) continue;
                if (aliases.TryGetValue(iconName, out var parent)) iconName = parent;
                if (!icons.TryGetValue(iconName, out var icon)) continue;
                var svg = FormattableString.Invariant(
                    $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{icon.Width}\" height=\"{icon.Height}\" viewBox=\"0 0 {icon.Width} {icon.Height}\">{icon.Body}</svg>");
                return new EmojiArtwork(svg, null);
            }
            return null;
        }
    }
}
