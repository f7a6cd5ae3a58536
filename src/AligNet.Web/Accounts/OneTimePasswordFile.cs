using System.Text;

namespace AligNet.Web.Accounts;

/// <summary>Writes a secret to a file created with mode 0600 (owner read/write only), replacing any older one.</summary>
public static class OneTimePasswordFile
{
    public static string Write(string path, string secret)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Deleted first: the create mode applies only to a new file, and an old one may have looser permissions.
        File.Delete(full);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(full, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(secret + "\n"));
        }
        return full;
    }
}
