using MirrorTower.Portal.Features.Audit;
using Microsoft.AspNetCore.Identity;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Identity;

namespace MirrorTower.Portal.Features.Identity;

public sealed record LoginRequest(string? Email, string? Password);

internal static class AuthApi
{
    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", LoginAsync)
            .AllowAnonymous()
            .WithSummary("Sign in with e-mail and password; returns a bearer access token.")
            .Produces<AccessTokenBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/me", (HttpContext context) => new
        {
            email = context.User.Identity?.Name,
            roles = context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value),
        }).WithSummary("The signed-in user and its roles.");
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, PasswordSignIn signIn)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors.Add("email", "The e-mail is required.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "The password is required.");
        }
        if (!errors.IsEmpty)
        {
            return OperationResult<object>.Invalid(errors).ToHttp(_ => Results.Empty);
        }

        var outcome = await signIn.SignInAsync(request.Email!, request.Password!, persistent: false,
            IdentityConstants.BearerScheme, context.ApiActor());
        if (outcome.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem($"Too many sign-in attempts: try again in {Math.Ceiling(wait.TotalSeconds):0} seconds.", statusCode: StatusCodes.Status429TooManyRequests);
        }
        // On success the bearer-token handler has already written {"tokenType","accessToken","expiresIn","refreshToken"}.
        return outcome.Result switch
        {
            { Succeeded: true } => Results.Empty,
            { IsLockedOut: true } => TypedResults.Problem("The user is locked out after repeated failed sign-ins.",
                statusCode: StatusCodes.Status401Unauthorized),
            _ => TypedResults.Problem("Invalid sign-in: the e-mail or password is wrong, or the user is disabled.",
                statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    /// <summary>The shape written by Identity's bearer-token handler, for the OpenAPI document.</summary>
    internal sealed record AccessTokenBody(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}
