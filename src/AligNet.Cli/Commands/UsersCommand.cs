using System.CommandLine;
using AligNet.Data;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AligNet.Cli.Commands;

/// <summary>Staff accounts from a shell: the way back in when the only admin has lost the password.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The account's e-mail address.", Required = true };
        var password = new Option<string?>("--password") { Description = "The new password (at least 12 characters); empty: generate one and print it once." };
        var role = new Option<string>("--role") { Description = "Admin or Researcher.", DefaultValueFactory = _ => Roles.Researcher };

        var add = new Command("add", "Add a staff account.") { email, role, password };
        add.SetAction((parse, _) => WithAccountsAsync(accounts =>
            accounts.CreateAsync(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(password), Actor)));

        var reset = new Command("reset-password", "Set a new password for a staff account and lift its lockout.") { email, password };
        reset.SetAction((parse, _) => WithAccountsAsync(accounts =>
            accounts.ResetPasswordAsync(parse.GetValue(email)!, parse.GetValue(password), Actor)));

        return new Command("users", "Manage staff accounts (admins, researchers).") { add, reset };
    }

    /// <summary>The operator at the shell, as the audit log names them.</summary>
    private static string Actor => $"cli:{Environment.UserName}@{Environment.MachineName}";

    private static async Task<int> WithAccountsAsync(Func<StaffAccounts, Task<AccountResult>> action)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddConsole().SetMinimumLevel(LogLevel.Warning));
        var configuration = CliConfiguration.Build();
        services.AddAligNetData(configuration);
        // Identity's token providers need data protection; the web's own set-up, so tokens and keys are shared.
        services.AddAligNetDataProtection(configuration);
        services.AddAligNetIdentityCore();
        // Identity's token providers need data protection; a reset token is made and used within this process, so
        // throw-away keys are right (the web app's keys stay in the database, untouched).
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var result = await action(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(result.Error);
            return 1;
        }
        Console.WriteLine(result.GeneratedPassword is null ? "Done." : $"Done. One-time password (shown once): {result.GeneratedPassword}");
        return 0;
    }
}
