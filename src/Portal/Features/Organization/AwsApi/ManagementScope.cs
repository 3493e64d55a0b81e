using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Organization.AwsApi;

/// <summary>
/// The organization as an administrative AWS call sees it. Organizations, Control Tower and Service Catalog
/// administration answer keys of the management account only, as in AWS; any other key is AccessDeniedException.
/// </summary>
public static class ManagementScope
{
    public static async Task<(OrganizationSnapshot Org, OrganizationsArns Arns)> LoadAsync(HttpContext context, AwsRequest request, string notInUseCode)
    {
        var factory = context.RequestServices.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        OrganizationSnapshot org;
        await using (var db = await factory.CreateDbContextAsync(context.RequestAborted))
        {
            org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: context.RequestAborted);
        }
        if (org.Zone is not { } zone)
        {
            throw new AwsError(notInUseCode, "Your account is not a member of an organization with a landing zone: set up the landing zone first.");
        }
        if (request.AccountId != zone.ManagementAccountId)
        {
            throw new AwsError("AccessDeniedException",
                $"You don't have permissions to access this resource: {request.Service} answers keys of the management account ({zone.ManagementAccountId}) only, and this key acts in {request.AccountId}.",
                StatusCodes.Status403Forbidden);
        }
        return (org, new OrganizationsArns(zone.ManagementAccountId, zone.RootId));
    }
}
