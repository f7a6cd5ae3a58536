using System.Security.Cryptography;

namespace AligNet.Data.Identity;

/// <summary>Generates one-time passwords that satisfy the Identity password rules (length ≥ 12, digit, upper, lower).</summary>
public static class PasswordGenerator
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate(int length = 20)
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Alphabet, length);
            if (password.Any(char.IsDigit) && password.Any(char.IsUpper) && password.Any(char.IsLower))
            {
                return password;
            }
        }
    }
}
