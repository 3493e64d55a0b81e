namespace MirrorTower.Portal.Features.Identity.Users;

/// <summary>Audit action names of user administration, in IAM's style.</summary>
public static class UserActions
{
    public const string Create = "iam:CreateUser";
    public const string SetRole = "iam:UpdateUserRole";
    public const string Disable = "iam:DisableUser";
    public const string Enable = "iam:EnableUser";
    public const string ResetPassword = "iam:UpdateLoginProfile";
}
