using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Features.Identity.Users;

/// <summary>Field rules for users, checked before anything is written.</summary>
internal static class UserValidation
{
    public const string EmailField = "email";
    public const string PasswordField = "password";
    public const string RoleField = "role";

    private static readonly EmailAddressAttribute EmailRule = new();

    public static void CheckEmail(FieldErrors errors, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(EmailField, "The e-mail is required.");
        }
        else if (email.Length > 256 || !EmailRule.IsValid(email) || !email.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(EmailField, $"'{email}' is not a valid e-mail address (expected name@domain.tld).");
        }
    }

    public static string? CheckRole(FieldErrors errors, string? role)
    {
        var normalized = PortalRoles.Normalize(role);
        if (normalized is null)
        {
            errors.Add(RoleField, string.IsNullOrWhiteSpace(role)
                ? $"The role is required: one of {string.Join(", ", PortalRoles.All)}."
                : $"'{role}' is not a role: use one of {string.Join(", ", PortalRoles.All)}.");
        }
        return normalized;
    }

    public static async Task CheckPasswordAsync(FieldErrors errors, UserManager<ApplicationUser> users, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(PasswordField, "The password is required.");
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var error in result.Errors)
            {
                errors.Add(PasswordField, error.Description);
            }
        }
    }

    /// <summary>Maps Identity's own errors to the field they concern.</summary>
    public static FieldErrors FromIdentity(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => PasswordField,
                _ when error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) => EmailField,
                _ when error.Code.Contains("Role", StringComparison.Ordinal) => RoleField,
                _ => "user",
            };
            errors.Add(field, error.Description);
        }
        return errors;
    }
}
