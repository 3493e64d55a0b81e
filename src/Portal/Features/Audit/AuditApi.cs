using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Audit;

internal static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", async (
                AuditQuery query,
                CancellationToken ct,
                string? user = null,
                string? action = null,
                string? outcome = null,
                DateTime? from = null,
                DateTime? to = null,
                string? sort = "time",
                bool descending = true,
                int page = 1,
                int pageSize = 50) =>
            {
                var filter = new AuditFilter
                {
                    User = user, Action = action, Outcome = outcome, From = from, To = to,
                    Sort = sort, Descending = descending, Page = page, PageSize = pageSize,
                };
                return (await query.SearchAsync(filter, ct)).ToHttp(TypedResults.Ok);
            })
            .RequireAuthorization(Policies.AdminOrAuditor)
            .WithTags("Audit")
            .WithSummary("Search the audit trail by user, action, outcome and time range (UTC), sorted and paged.")
            .Produces<AuditPage>()
            .ProducesValidationProblem();

        api.MapGet("/audit-events/verification", async (AuditVerifier verifier, CancellationToken ct) =>
            {
                var result = await verifier.VerifyAsync(ct);
                if (result.Intact)
                {
                    await verifier.WriteDigestAsync(ct);
                }
                return TypedResults.Ok(result);
            })
            .RequireAuthorization(Policies.AdminOrAuditor)
            .WithTags("Audit")
            .WithSummary("Check the audit trail: every event against its seal, no event missing, nothing deleted after the newest digest. Answers intact, or the first event that breaks it.");
    }
}
