using System.Security.Cryptography;

namespace AligNet.Data.Studies;

/// <summary>Completion codes that are hard to guess (a participant who guesses one could claim payment without working).</summary>
public static class CompletionCodes
{
    // No 0/O or 1/I/L: codes are sometimes read off a screen and typed by hand.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Generate(int length = 10) => RandomNumberGenerator.GetString(Alphabet, length);
}
