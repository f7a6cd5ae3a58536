using System.Net;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace AligNet.Web.Accounts;

/// <summary>
/// The sign-in form's decision: throttled per address (<see cref="SignInThrottle"/>), never an account lockout, and
/// one answer for every failure — wrong password, unknown e-mail, disabled account — so the form reveals nothing
/// about which accounts exist. An unknown e-mail still costs a password hash, so timing does not tell either.
/// </summary>
public sealed class StaffSignIn(SignInManager<ApplicationUser> signIn, SignInThrottle throttle, IPasswordHasher<ApplicationUser> hasher)
{
    public const string Failed = "Sign-in failed: the e-mail or password is not right.";

    /// <summary>A hash of a random password, checked when the e-mail is unknown so that it takes as long as a known one.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), PasswordGenerator.Generate()));

    /// <summary>Null when signed in; otherwise the message to show.</summary>
    public async Task<string?> SignInAsync(string email, string password, IPAddress? address)
    {
        var wait = await throttle.RetryAfterAsync(address);
        if (wait > TimeSpan.Zero)
        {
            // About the address, not the account: it says nothing about whether the e-mail exists.
            return $"Too many failed sign-ins from your network. Wait {Math.Ceiling(wait.TotalSeconds):0} seconds, then try again.";
        }
        if (await signIn.UserManager.FindByEmailAsync(email) is null)
        {
            hasher.VerifyHashedPassword(new ApplicationUser(), DummyHash.Value, password);
            await throttle.FailedAsync(address);
            return Failed;
        }
        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded) return null;
        await throttle.FailedAsync(address);
        return Failed;
    }
}

public static class SignInThrottleSetup
{
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<StaffSignIn>();
        return services;
    }
}
