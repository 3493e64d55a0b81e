using Microsoft.AspNetCore.Identity;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>A person or automation account that signs in to the portal.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>A disabled user cannot sign in, and tokens and cookies issued before stop working.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedUtc { get; set; }
}
