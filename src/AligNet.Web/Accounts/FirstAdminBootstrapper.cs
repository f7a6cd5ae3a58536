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
        logger.LogWarning("Created the first admin account {Email}", options.Email);
        // Printed once, to the console only (never to the structured log): it is not stored anywhere in clear.
        Console.WriteLine(generated
            ? $"First admin: {options.Email} / one-time password: {password}  (shown once; change it after signing in: click your e-mail at the top right)"
            : $"First admin: {options.Email} (password from configuration)");
    }
}
