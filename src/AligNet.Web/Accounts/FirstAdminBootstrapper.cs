using AligNet.Data.Identity;
using AligNet.Data.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Accounts;

/// <summary>
/// At start-up: makes sure the staff roles exist and, when nobody holds the Admin role, creates the first admin.
/// Safe to run on every start and from several instances (a lost race finds the admin the winner made).
/// </summary>
public static class FirstAdminBootstrapper
{
    public static async Task EnsureAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;

        var options = services.GetRequiredService<IOptions<AdminOptions>>().Value;
        var generated = string.IsNullOrEmpty(options.Password);
        var password = generated ? PasswordGenerator.Generate() : options.Password!;
        var accounts = services.GetRequiredService<StaffAccounts>();
        var result = await accounts.CreateAsync(options.Email, Roles.Admin, password);
        if (!result.Succeeded)
        {
            throw new StartupException($"The first admin ({options.Email}) could not be created: {result.Error} " +
                                       "Fix Admin__Email / Admin__Password and start again.");
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FirstAdminBootstrapper));
        if (!generated)
        {
            logger.LogWarning("Created the first admin account {Email} with the password from configuration", options.Email);
            return;
        }
        // The password goes to a file only its owner can read, never to the console or log (both usually end up in
        // a log file or collector); the log says where the file is.
        var file = OneTimePasswordFile.Write(options.OneTimePasswordFile, password);
        logger.LogWarning("Created the first admin account {Email}; its one-time password is in {PasswordFile} (owner-only). " +
                          "Read it, delete the file, and change the password after signing in (click your e-mail at the top right).",
            options.Email, file);
    }
}
