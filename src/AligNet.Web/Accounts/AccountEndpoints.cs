using Microsoft.AspNetCore.Http.HttpResults;
using AligNet.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AligNet.Web.Accounts;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with the antiforgery token the layout renders), so a link or image cannot sign anyone out.
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<ApplicationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        });
    }
}
