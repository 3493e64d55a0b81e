using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.ServiceControlPolicies;

/// <summary>
/// Decides a request on a resource of one account, by the principal's SCPs and the account's RCPs as they are, with the
/// full explanation, at the portal's time unless the context says another. The principal may be outside the organization.
/// </summary>
public sealed class PolicySimulator(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    public async Task<OperationResult<SimulationResult>> SimulateAsync(SimulationRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var errors = new FieldErrors();
        var account = org.Account(request.AccountId);
        if (account is null)
        {
            errors.Add("accountId", $"No account of the organization has the id '{request.AccountId}'.");
        }
        if (string.IsNullOrWhiteSpace(request.Action) || request.Action.Split(':') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            errors.Add("action", "The action is required as service:Operation, e.g. s3:DeleteBucket.");
        }
        if (request.Region is not null && !AwsRegions.IsKnown(request.Region) && request.Region != "global")
        {
            errors.Add("region", $"'{request.Region}' is not a Region.");
        }
        if (!string.IsNullOrWhiteSpace(request.PrincipalArn) && OrganizationSnapshot.AccountIdOf(request.PrincipalArn.Trim()) is null
            && !request.PrincipalArn.Trim().EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("principalArn", "The principal is an IAM ARN with its account (arn:aws:iam::123456789012:role/Name) or an AWS service principal (s3.amazonaws.com).");
        }
        var context = ReadContext(request.Context, errors);
        if (!errors.IsEmpty)
        {
            return OperationResult<SimulationResult>.Invalid(errors);
        }

        var principal = string.IsNullOrWhiteSpace(request.PrincipalArn) ? $"arn:aws:iam::{account!.Id}:role/Developer" : request.PrincipalArn.Trim();
        // aws:CurrentTime and aws:EpochTime are now, unless the context sets them (to ask about another moment).
        var authorization = new AuthorizationRequest(principal, request.Action!.Trim(),
            string.IsNullOrWhiteSpace(request.Resource) ? "*" : request.Resource.Trim(), request.Region, context, time.GetUtcNow());
        var decision = org.Explain(authorization, account);
        return OperationResult<SimulationResult>.Success(new SimulationResult(decision.Decision, decision.Deciding, decision.Summary,
            decision.Trace, ControlOf(decision.Deciding)));
    }

    /// <summary>The catalog control whose statement decided, found by the statement's Sid among the controls of the deciding policy's type.</summary>
    public static string? ControlOf(DecidingStatement? deciding)
    {
        if (deciding?.Statement is not { } sid)
        {
            return null;
        }
        return ControlCatalog.Default.Controls.FirstOrDefault(c => c.PolicyType == deciding.Type
            && c.StatementsTemplate?.Contains($"\"Sid\":\"{sid}\"", StringComparison.Ordinal) == true) is { } control
            ? $"{control.Identifier} ({control.Name})"
            : null;
    }

    private static List<KeyValuePair<string, string[]>> ReadContext(Dictionary<string, JsonElement>? context, FieldErrors errors)
    {
        var values = new List<KeyValuePair<string, string[]>>();
        foreach (var (key, element) in context ?? [])
        {
            string[]? read = element.ValueKind switch
            {
                JsonValueKind.String => [element.GetString()!],
                JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => [element.GetRawText()],
                JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                    element.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                _ => null,
            };
            if (read is null)
            {
                errors.Add($"context.{key}", "A context key takes a string, a boolean, a number or an array of strings.");
            }
            else
            {
                values.Add(KeyValuePair.Create(key, read));
            }
        }
        return values;
    }
}
