using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.Workbench;
using MirrorTower.Portal.Features.Compliance;

namespace MirrorTower.Portal.Features.Controls;

/// <summary>The controls library, and enabling and disabling controls on OUs as asynchronous operations.</summary>
public sealed class ControlService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ControlOperationQueue queue,
    IOptions<ControlOptions> options,
    ChangeGate gate,
    ChangePipeline changes,
    ComplianceQueue compliance,
    TimeProvider time)
{
    public const string EnableAction = "controltower:EnableControl";
    public const string DisableAction = "controltower:DisableControl";

    public async Task<IReadOnlyList<ControlSummary>> LibraryAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var regions = org.Zone?.GovernedRegions ?? ["us-east-1"];
        return ControlCatalog.Default.Controls.Select(c => new ControlSummary(
            c.Identifier, c.Name, c.Behavior.ToString(), Guidance(c.Guidance), c.Service, c.Governs,
            c.HasPolicy ? ControlStatements.Document(Guardrails.Statements(org, c, new Dictionary<string, string[]>())) : null,
            c.Parameters.Select(p => p.Name).ToList(),
            org.Controls.Where(e => e.ControlIdentifier == c.Identifier).Select(e => org.Ou(e.OuId)?.Name ?? e.OuId).ToList())
        {
            ImplementationType = c.ImplementationType,
            PolicyLabel = c.HasPolicy ? c.PolicyType.Label() : null,
            Arn = c.Arn(regions[0]),
            Severity = c.Severity,
            Scope = c.Scope,
            Domain = c.Classification.Domain,
            Objective = c.Classification.Objective,
            // A GLOBAL control governs every Region at once; a REGIONAL one is deployed in each governed Region.
            GovernedRegions = c.Scope == "GLOBAL" ? ["global"] : regions,
            Checks = c.Checks.Select(k => $"{k.ResourceType}: {k.Requirement.Text}").ToList(),
        }).ToList();
    }

    public async Task<IReadOnlyList<EnabledControlView>?> ListEnabledAsync(string ouId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        if (org.Ou(ouId) is null)
        {
            return null;
        }
        var drift = Organization.Drift.ControlDrift.Detect(org);
        return org.ControlsOn(ouId).Select(c =>
        {
            var entry = OrganizationSnapshot.CatalogEntry(c);
            return new EnabledControlView(c.ControlIdentifier, entry?.Name ?? c.ControlIdentifier, entry?.Behavior.ToString() ?? "",
                entry is null ? "" : Guidance(entry.Guidance), ouId, c.Status, drift.GetValueOrDefault((ouId, c.ControlIdentifier))?.DriftStatus ?? "IN_SYNC",
                drift.GetValueOrDefault((ouId, c.ControlIdentifier)), c.Parameters);
        }).ToList();
    }

    public async Task<OperationResult<OperationAccepted>> RequestEnableAsync(Actor actor, string ouId, EnableControlRequest request) => Queue(
        await changes.RunAsync(actor, new ChangeSpec(EnableAction, $"{request.ControlIdentifier} on {ouId}", Clearance.Admin), async change =>
        {
            // Serialized: the checks below (already enabled, an operation in progress, the SCP quota) read what no
            // other request can change before this one has queued its operation.
            var db = change.Db;
            var org = await OrganizationSnapshot.LoadAsync(db);
            var control = ControlCatalog.Default.Find(request.ControlIdentifier);
            var parameters = Canonical(control, request.Parameters);
            var errors = change.Errors;
            if (org.Zone is null)
            {
                errors.Add("landingZone", "Set up the landing zone first.");
            }
            if (org.Ou(ouId) is not { DeletedOutOfBand: false, Registered: true })
            {
                errors.Add("ouId", $"No registered OU has the id '{ouId}'.");
            }
            if (control is null)
            {
                errors.Add("controlIdentifier", $"'{request.ControlIdentifier}' is not a control of the catalog.");
            }
            else
            {
                if (org.ControlsOn(ouId).Any(c => c.ControlIdentifier == control.Identifier))
                {
                    errors.Add("controlIdentifier", $"{control.Identifier} is already enabled on this OU.");
                }
                else if (await InProgressAsync(db, ouId, control.Identifier) is { } running)
                {
                    errors.Add("controlIdentifier", $"Operation {running} on {control.Identifier} for this OU is in progress: wait for it to end.");
                }
                CheckParameters(errors, control, parameters);
                if (errors.IsEmpty && QuotaProblem(org, ouId, control, parameters) is { } quota)
                {
                    errors.Add("controlIdentifier", quota);
                }
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<OperationAccepted>();
            }
            var after = org.ControlsOn(ouId).Append(new EnabledControl { ControlIdentifier = control!.Identifier, OuId = ouId, Parameters = parameters });
            var report = await gate.CheckAsync(org, Proposals.WithControls(org, ouId, after));
            if (report.Blocks && (report.Refuses || !request.ConfirmFailingTests))
            {
                return change.Blocked<OperationAccepted>(report);
            }
            return Start(change, ControlOperationType.ENABLE_CONTROL, control.Identifier, ouId, parameters, report);
        }));

    public async Task<OperationResult<OperationAccepted>> RequestDisableAsync(Actor actor, string ouId, string controlIdentifier, bool confirmFailingTests = false) => Queue(
        await changes.RunAsync(actor, new ChangeSpec(DisableAction, $"{controlIdentifier} on {ouId}", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db);
            var control = ControlCatalog.Default.Find(controlIdentifier);
            if (control is { IsMandatory: true })
            {
                return change.Denied<OperationAccepted>($"{control.Identifier} ({control.Name}) is a mandatory control: it is always on, on every OU, and cannot be disabled.");
            }
            if (control is null || !org.ControlsOn(ouId).Any(c => c.ControlIdentifier == control.Identifier))
            {
                return change.Invalid<OperationAccepted>(new FieldErrors().Add("controlIdentifier", $"'{controlIdentifier}' is not enabled on OU '{ouId}'."));
            }
            if (await InProgressAsync(change.Db, ouId, control.Identifier) is { } running)
            {
                return change.Invalid<OperationAccepted>(new FieldErrors().Add("controlIdentifier", $"Operation {running} on {control.Identifier} for this OU is in progress: wait for it to end."));
            }
            var report = await gate.CheckAsync(org, Proposals.WithControls(org, ouId, org.ControlsOn(ouId).Where(c => c.ControlIdentifier != control.Identifier)));
            if (report.Blocks && (report.Refuses || !confirmFailingTests))
            {
                return change.Blocked<OperationAccepted>(report);
            }
            return Start(change, ControlOperationType.DISABLE_CONTROL, control.Identifier, ouId, new(), report);
        }));

    public async Task<ControlOperationView?> GetOperationAsync(string operationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var operation = await db.ControlOperations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == operationId, cancellationToken);
        return operation is null ? null : ControlOperationView.From(operation);
    }

    public async Task<IReadOnlyList<ControlOperationView>> RecentOperationsAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var operations = await db.ControlOperations.AsNoTracking().OrderByDescending(o => o.StartUtc).Take(count).ToListAsync(cancellationToken);
        return operations.Select(ControlOperationView.From).ToList();
    }

    public async Task<OperationResult<ControlPreview>> PreviewAsync(string ouId, EnableControlRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var control = ControlCatalog.Default.Find(request.ControlIdentifier);
        var parameters = Canonical(control, request.Parameters);
        var errors = new FieldErrors();
        if (org.Ou(ouId) is null)
        {
            errors.Add("ouId", $"No OU has the id '{ouId}'.");
        }
        if (control is null)
        {
            errors.Add("controlIdentifier", $"'{request.ControlIdentifier}' is not a control of the catalog.");
        }
        else
        {
            CheckParameters(errors, control, parameters);
        }
        if (!errors.IsEmpty)
        {
            return OperationResult<ControlPreview>.Invalid(errors);
        }

        var accounts = org.AccountsUnder(ouId).Where(a => a.Enrolled).ToList();
        var days = options.Value.PreviewDays;
        var denials = new List<PreviewedDenial>();
        var probes = new List<PreviewedProbe>();
        if (control!.HasPolicy && accounts.Count > 0)
        {
            var since = time.GetUtcNow().UtcDateTime.AddDays(-days);
            var accountIds = accounts.Select(a => a.Id).ToList();
            var recorded = await db.AuditEvents.AsNoTracking()
                .Where(e => e.AccountId != null && accountIds.Contains(e.AccountId) && e.TimeUtc >= since && e.PrincipalArn != null)
                .OrderByDescending(e => e.TimeUtc).Take(5000).ToListAsync(cancellationToken);
            var chain = PreviewChain.For(org, ouId, control, parameters);
            var policy = chain.Levels[0].Policies[^1];
            foreach (var e in recorded.Where(e => e.Outcome == AuditOutcome.Succeeded))
            {
                // Replayed as it was made: at its time, from its address, on a resource of its account.
                var decision = ScpEvaluator.Decide(chain, new AuthorizationRequest(e.PrincipalArn!, e.Action, e.Target, e.Region,
                    time: new DateTimeOffset(e.TimeUtc, TimeSpan.Zero), sourceIp: e.ClientIp).WithDefaults(org.PrincipalContext(e.PrincipalArn!, org.Account(e.AccountId))));
                if (decision.Decision == Decision.ExplicitDeny)
                {
                    denials.Add(new PreviewedDenial(e.TimeUtc, e.Actor, e.AccountId!, e.Action, e.Target, e.Region,
                        policy.Statements[decision.Statement].Label));
                }
            }
            if (control.HasRcp)
            {
                var buckets = await db.AccountResources.AsNoTracking()
                    .Where(r => accountIds.Contains(r.AccountId) && r.Type == Engine.Compliance.ResourceTypes.Bucket).ToListAsync(cancellationToken);
                probes.AddRange(PreviewChain.Probe(org, chain, control, accounts, buckets));
            }
        }
        var violations = new List<PreviewedViolation>();
        if (Engine.Compliance.DetectiveRules.Find(control.Identifier) is { } rule)
        {
            var accountIds = accounts.Select(a => a.Id).ToList();
            var resources = await db.AccountResources.AsNoTracking()
                .Where(r => accountIds.Contains(r.AccountId) && r.Type == rule.ResourceType).ToListAsync(cancellationToken);
            violations.AddRange(resources
                .Select(r => (Resource: r, Result: rule.Evaluate(Compliance.ComplianceEvaluation.ToItem(r, org.Account(r.AccountId)))))
                .Where(x => x.Result.Compliance == Engine.Compliance.ComplianceType.NON_COMPLIANT)
                .Select(x => new PreviewedViolation(x.Resource.AccountId, x.Resource.Name, x.Resource.Type, x.Result.Annotation)));
        }
        return OperationResult<ControlPreview>.Success(new ControlPreview(control.Identifier, ouId,
            accounts.Select(a => $"{a.Name} ({a.Id})").ToList(), denials, days, QuotaProblem(org, ouId, control, parameters))
        {
            WouldBeInViolation = violations,
            WouldDeny = probes,
        });
    }

    /// <summary>Carries out a queued operation; called by the worker, on behalf of whoever requested it.</summary>
    public async Task ExecuteAsync(string operationId)
    {
        string[] evaluate = [];
        await changes.RunAsync(Actor.System, new ChangeSpec(EnableAction, operationId, Clearance.Admin), async change =>
        {
            var db = change.Db;
            var operation = await db.ControlOperations.FirstOrDefaultAsync(o => o.Id == operationId);
            if (operation is not { Status: ControlOperationStatus.IN_PROGRESS })
            {
                return change.SucceedWithOwnAudit(false);
            }
            var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
            var enabled = org.ControlsOn(operation.TargetId).ToList();
            if (operation.OperationType == ControlOperationType.ENABLE_CONTROL && enabled.All(c => c.ControlIdentifier != operation.ControlIdentifier))
            {
                var added = new EnabledControl
                {
                    ControlIdentifier = operation.ControlIdentifier,
                    OuId = operation.TargetId,
                    Parameters = operation.Parameters,
                    Status = EnabledControlStatus.SUCCEEDED,
                    EnabledUtc = change.Now,
                };
                db.EnabledControls.Add(added);
                enabled.Add(added);
            }
            else if (operation.OperationType == ControlOperationType.DISABLE_CONTROL)
            {
                var removed = enabled.Where(c => c.ControlIdentifier == operation.ControlIdentifier).ToList();
                db.EnabledControls.RemoveRange(removed);
                enabled.RemoveAll(removed.Contains);
            }
            var problem = org.Ou(operation.TargetId) is { DeletedOutOfBand: false } ? Guardrails.Rebuild(db, org, operation.TargetId, enabled, change.Now)
                : $"The OU {operation.TargetId} no longer exists.";
            if (problem is not null)
            {
                // Nothing of the operation is kept but its failure.
                db.ChangeTracker.Clear();
                return change.SucceedWithOwnAudit(await FailAsync(change, operationId, problem));
            }
            operation.Status = ControlOperationStatus.SUCCEEDED;
            operation.EndUtc = change.Now;
            operation.StatusMessage = operation.OperationType == ControlOperationType.ENABLE_CONTROL
                ? $"Enabled on {org.DescribeTarget(operation.TargetId)}." : $"Disabled on {org.DescribeTarget(operation.TargetId)}.";
            // The event names whoever requested the operation, as CloudTrail names the caller of EnableControl.
            db.AuditEvents.Add(RequesterOf(operation).Record(ActionOf(operation), $"{operation.ControlIdentifier} on {operation.TargetId}",
                AuditOutcome.Succeeded, $"{operation.StatusMessage} {operation.TestReport}".Trim()));
            evaluate = org.AccountsUnder(operation.TargetId).Select(a => a.Id).ToArray();
            change.Touches(ChangeArea.Controls, operationId).Touches(ChangeArea.Policies);
            return change.SucceedWithOwnAudit(true);
        });
        if (evaluate.Length > 0)
        {
            compliance.Enqueue(ComplianceScope.Accounts(evaluate));
        }
    }

    public async Task FailAsync(string operationId, string message) =>
        await changes.RunAsync(Actor.System, new ChangeSpec(EnableAction, operationId, Clearance.Admin),
            async change => change.SucceedWithOwnAudit(await FailAsync(change, operationId, message)));

    /// <summary>Marks the operation FAILED with the reason, audited as its requester's action.</summary>
    private static async Task<bool> FailAsync(PendingChange change, string operationId, string message)
    {
        var operation = await change.Db.ControlOperations.FirstOrDefaultAsync(o => o.Id == operationId);
        if (operation is null)
        {
            return false;
        }
        operation.Status = ControlOperationStatus.FAILED;
        operation.EndUtc = change.Now;
        operation.StatusMessage = message;
        change.Db.AuditEvents.Add(RequesterOf(operation).Record(ActionOf(operation), $"{operation.ControlIdentifier} on {operation.TargetId}", AuditOutcome.Failed, message));
        change.Touches(ChangeArea.Controls, operationId);
        return true;
    }

    internal static string Guidance(ControlGuidance guidance) => guidance switch
    {
        ControlGuidance.StronglyRecommended => "Strongly recommended",
        _ => guidance.ToString(),
    };


    /// <summary>Queues the operation in the change; the worker carries it out and audits its outcome.</summary>
    private static OperationResult<OperationAccepted> Start(PendingChange change, ControlOperationType type, string control, string ouId,
        Dictionary<string, string[]> parameters, GateReport report)
    {
        var operation = new ControlOperation
        {
            Id = Guid.NewGuid().ToString(),
            OperationType = type,
            Status = ControlOperationStatus.IN_PROGRESS,
            ControlIdentifier = control,
            TargetId = ouId,
            Parameters = parameters,
            RequestedBy = change.Actor.Name,
            RequestedVia = change.Actor.Source,
            TestReport = ServiceControlPolicies.PolicyService.Confirmed(report),
            StartUtc = change.Now,
        };
        change.Db.ControlOperations.Add(operation);
        change.Touches(ChangeArea.Controls, operation.Id);
        return change.SucceedWithOwnAudit(new OperationAccepted(operation.Id));
    }

    /// <summary>Hands an accepted operation to the worker once it is committed.</summary>
    private OperationResult<OperationAccepted> Queue(OperationResult<OperationAccepted> accepted)
    {
        if (accepted.Succeeded)
        {
            queue.Enqueue(accepted.Value!.OperationIdentifier);
        }
        return accepted;
    }

    private static async Task<string?> InProgressAsync(PortalDbContext db, string ouId, string control) =>
        await db.ControlOperations.Where(o => o.TargetId == ouId && o.ControlIdentifier == control && o.Status == ControlOperationStatus.IN_PROGRESS)
            .Select(o => o.Id).FirstOrDefaultAsync();

    private static Actor RequesterOf(ControlOperation operation) => new(null, operation.RequestedBy, operation.RequestedVia);

    private static string ActionOf(ControlOperation operation) =>
        operation.OperationType == ControlOperationType.DISABLE_CONTROL ? DisableAction : EnableAction;

    private static string? QuotaProblem(OrganizationSnapshot org, string ouId, Control control, Dictionary<string, string[]> parameters) =>
        control.HasPolicy
            ? Guardrails.QuotaProblem(org, ouId,
                org.ControlsOn(ouId).Append(new EnabledControl { ControlIdentifier = control.Identifier, OuId = ouId, Parameters = parameters }))
            : null;

    /// <summary>Parameter names as the catalog spells them, whatever the caller's case (JSON clients send camelCase).</summary>
    private static Dictionary<string, string[]> Canonical(Control? control, Dictionary<string, string[]>? parameters) =>
        (parameters ?? []).ToDictionary(
            p => control?.Parameters.FirstOrDefault(c => string.Equals(c.Name, p.Key, StringComparison.OrdinalIgnoreCase))?.Name ?? p.Key,
            p => p.Value ?? []);

    private static void CheckParameters(FieldErrors errors, Control control, Dictionary<string, string[]> parameters)
    {
        foreach (var (name, values) in parameters)
        {
            if (control.Parameters.All(p => p.Name != name))
            {
                errors.Add($"parameters.{name}", control.Parameters.Count == 0
                    ? $"{control.Identifier} takes no parameters."
                    : $"'{name}' is not a parameter of {control.Identifier}: use {string.Join(" or ", control.Parameters.Select(p => p.Name))}.");
            }
            else if (name == "AllowedRegions" && values.FirstOrDefault(v => !AwsRegions.IsKnown(v)) is { } region)
            {
                errors.Add("parameters.AllowedRegions", $"'{region}' is not a Region.");
            }
            else if (name == "ExemptedPrincipalArns" && values.FirstOrDefault(v => !v.StartsWith("arn:", StringComparison.Ordinal) || v.Split(':').Length < 6) is { } arn)
            {
                errors.Add("parameters.ExemptedPrincipalArns", $"'{arn}' is not an ARN pattern such as arn:aws:iam::*:role/BreakGlass.");
            }
        }
    }
}
