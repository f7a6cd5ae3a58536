using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AligNet.Data.Identity;

/// <summary>Configuration section <c>DataProtection</c>.</summary>
public sealed class DataProtectionKeyOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A PKCS#12 file with the certificate that encrypts the data-protection keys before they are stored in
    /// PostgreSQL. Created (self-signed RSA 3072, mode 0600) the first time if missing. Every web instance and
    /// the CLI need the same file. Empty: keys are stored unencrypted (a warning says so).
    /// </summary>
    public string? CertificateFile { get; set; }
}

/// <summary>
/// The one data-protection set-up (sign-in cookies, antiforgery tokens, password-reset tokens) for the web host
/// and the CLI: keys in PostgreSQL so every instance shares them, encrypted at rest with a certificate whose
/// private key never enters the database (ADR-012).
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "AligNet.Web";

    public static IDataProtectionBuilder AddAligNetDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<AligNetDbContext>();
        var options = configuration.GetSection(DataProtectionKeyOptions.Section).Get<DataProtectionKeyOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(options.CertificateFile))
        {
            var certificate = LoadOrCreateCertificate(options.CertificateFile);
            // Unprotect with the file's certificate too: on Linux there is no certificate store to find it in.
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        return builder;
    }

    public static X509Certificate2 LoadOrCreateCertificate(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=AligNet.Web data-protection keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
            var pfx = created.Export(X509ContentType.Pfx);
            var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".new";
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, fileOptions)) stream.Write(pfx);
            try
            {
                // Several processes may start at once: the first file wins, the others use it.
                File.Move(temp, full, overwrite: false);
            }
            catch (IOException) when (File.Exists(full))
            {
                File.Delete(temp);
            }
        }
        return X509CertificateLoader.LoadPkcs12FromFile(full, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
