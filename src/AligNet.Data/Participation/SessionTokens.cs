using System.Security.Cryptography;

namespace AligNet.Data.Participation;

/// <summary>
/// The secret a participant's browser holds for its session. Only its SHA-256 is stored, so a database dump
/// cannot be used to impersonate participants; comparison is constant-time.
/// </summary>
public static class SessionTokens
{
    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    public static bool Matches(string? token, byte[] storedHash) =>
        token is { Length: > 0 and <= 128 } && CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
