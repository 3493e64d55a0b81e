namespace MirrorTower.Portal.Features.Identity.Users;

public sealed record UserSummary(
    string Id,
    string Email,
    string Role,
    bool Disabled,
    bool LockedOut,
    DateTime CreatedUtc);

/// <summary>The body of <c>POST /api/v1/users</c> and of the create-user dialog.</summary>
public sealed class NewUser
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? Role { get; set; }
}

public sealed record RoleChange(string? Role);

public sealed record PasswordReset(string? Password);
