using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Security;
using MirrorTower.Portal.Features.Organization.Drift;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.ServiceControlPolicies;

namespace MirrorTower.Portal.Features.Organization.AwsApi;

public static partial class OrganizationsJsonApi
{
    private const string Scp = "SERVICE_CONTROL_POLICY";

    private static readonly Dictionary<string, Func<OrganizationsCall, Task<object?>>> Handlers = new(StringComparer.Ordinal)
    {
        ["DescribeOrganization"] = call => Answer(new
        {
            Organization = new
            {
                Id = call.Arns.OrganizationId, Arn = call.Arns.Organization, FeatureSet = "ALL", MasterAccountArn = call.Arns.Account(call.Arns.ManagementAccountId),
                MasterAccountId = call.Arns.ManagementAccountId, MasterAccountEmail = call.Org.Account(call.Arns.ManagementAccountId)?.Email,
                AvailablePolicyTypes = PolicyTypes,
            },
        }),
        ["ListRoots"] = call => Answer(Page(call, "Roots", [new { Id = call.Arns.RootId, Arn = call.Arns.Root, Name = "Root", PolicyTypes }])),
        ["ListChildren"] = call =>
        {
            var parent = Parent(call, call.Required("ParentId"));
            var children = call.Required("ChildType") switch
            {
                "ORGANIZATIONAL_UNIT" => OusUnder(call, parent).Select(o => new { o.Id, Type = "ORGANIZATIONAL_UNIT" }),
                "ACCOUNT" => call.Org.Accounts.Where(a => a.OuId == parent).OrderBy(a => a.Id).Select(a => new { a.Id, Type = "ACCOUNT" }),
                var other => throw new AwsError("InvalidInputException", $"ChildType is ACCOUNT or ORGANIZATIONAL_UNIT, not '{other}'."),
            };
            return Answer(Page(call, "Children", children));
        },
        ["ListParents"] = call =>
        {
            var child = call.Required("ChildId");
            var parent = call.Org.Account(child) is { } account ? account.OuId
                : call.Org.Ou(child) is { DeletedOutOfBand: false } ou ? ou.ParentId
                : throw new AwsError("ChildNotFoundException", $"We can't find an organizational unit (OU) or AWS account with the ChildId '{child}'.");
            return Answer(Page(call, "Parents", [parent is null ? new { Id = call.Arns.RootId, Type = "ROOT" } : new { Id = parent, Type = "ORGANIZATIONAL_UNIT" }]));
        },
        ["ListOrganizationalUnitsForParent"] = call =>
            Answer(Page(call, "OrganizationalUnits", OusUnder(call, Parent(call, call.Required("ParentId"))).Select(o => Ou(call, o)))),
        ["DescribeOrganizationalUnit"] = call => Answer(new { OrganizationalUnit = Ou(call, LiveOu(call, call.Required("OrganizationalUnitId"))) }),
        ["CreateOrganizationalUnit"] = async call =>
        {
            // As in AWS, an OU created through Organizations is outside Control Tower until AWSControlTowerBaseline is enabled on it.
            var parent = Parent(call, call.Required("ParentId"));
            var view = Value(await call.Service<OrganizationService>().CreateOuAsync(call.Request.Actor, new NewOu(call.String("Name"), parent, Register: false, Tags(call))),
                "ParentNotFoundException");
            return new { OrganizationalUnit = new { view.Id, Arn = call.Arns.Ou(view.Id), view.Name } };
        },
        ["UpdateOrganizationalUnit"] = async call =>
        {
            var view = Value(await call.Service<OrganizationService>().RenameOuAsync(call.Request.Actor, call.Required("OrganizationalUnitId"),
                new OuRename(call.String("Name"))), "OrganizationalUnitNotFoundException");
            return new { OrganizationalUnit = new { view.Id, Arn = call.Arns.Ou(view.Id), view.Name } };
        },
        ["DeleteOrganizationalUnit"] = async call =>
        {
            Value(await call.Service<OrganizationService>().DeleteOuAsync(call.Request.Actor, call.Required("OrganizationalUnitId")), "OrganizationalUnitNotFoundException");
            return null;
        },
        ["MoveAccount"] = async call =>
        {
            var account = call.Org.Account(call.Required("AccountId"))
                ?? throw new AwsError("AccountNotFoundException", $"We can't find an AWS account with the AccountId '{call.String("AccountId")}'.");
            var source = call.Required("SourceParentId");
            if (Parent(call, source) != account.OuId)
            {
                throw new AwsError("SourceParentNotFoundException", $"We can't find a source root or OU with the ParentId '{source}': {account.Name} is not there.");
            }
            var ou = call.Required("DestinationParentId");
            if (ou == call.Arns.RootId)
            {
                throw new AwsError("ConstraintViolationException", "MirrorTower moves accounts between OUs; an account under the root stays out of Control Tower's governance.");
            }
            if (call.Org.Ou(ou) is not { DeletedOutOfBand: false })
            {
                throw new AwsError("DestinationParentNotFoundException", $"We can't find the destination root or OU with the ParentId '{ou}'.");
            }
            // Organizations moves accounts behind Control Tower's back: the move is drift (ACCOUNT_MOVED_BETWEEN_OUS), as in AWS.
            Value(await call.Service<DriftService>().ApplyOutOfBandAsync(call.Request.Actor,
                new OutOfBandChange { Kind = OutOfBandKinds.MoveAccount, AccountId = account.Id, OuId = ou }), "AccountNotFoundException");
            return null;
        },
        ["ListTagsForResource"] = async call =>
        {
            var id = call.Required("ResourceId");
            var tags = await call.Service<OrganizationTags>().ListAsync(id) ?? throw new AwsError("TargetNotFoundException", $"We can't find a root, OU, account, or policy with the ResourceId '{id}'.");
            return Page(call, "Tags", tags.Select(t => new { t.Key, t.Value }));
        },
        ["TagResource"] = async call =>
        {
            Value(await call.Service<OrganizationTags>().TagAsync(call.Request.Actor, call.Required("ResourceId"), Tags(call) ?? []), "TargetNotFoundException");
            return null;
        },
        ["UntagResource"] = async call =>
        {
            var keys = (call.Input["TagKeys"] as System.Text.Json.Nodes.JsonArray ?? []).Select(k => k?.GetValue<string>() ?? "").ToList();
            Value(await call.Service<OrganizationTags>().UntagAsync(call.Request.Actor, call.Required("ResourceId"), keys), "TargetNotFoundException");
            return null;
        },
        ["ListAccounts"] = call => Answer(Page(call, "Accounts", call.Org.Accounts.OrderBy(a => a.Id).Select(a => Account(call, a)))),
        ["ListAccountsForParent"] = call =>
        {
            var parent = Parent(call, call.Required("ParentId"));
            return Answer(Page(call, "Accounts", call.Org.Accounts.Where(a => a.OuId == parent).OrderBy(a => a.Id).Select(a => Account(call, a))));
        },
        ["DescribeAccount"] = call => Answer(new
        {
            Account = Account(call, call.Org.Account(call.Required("AccountId"))
                ?? throw new AwsError("AccountNotFoundException", $"We can't find an AWS account with the AccountId '{call.String("AccountId")}'.")),
        }),
        ["ListPolicies"] = call =>
        {
            var type = TypeFilter(call, "Filter");
            return Answer(Page(call, "Policies", call.Org.Policies.Where(p => p.Type == type).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => Summary(call, p))));
        },
        ["DescribePolicy"] = call => Answer(new { Policy = Policy(call, PolicyOf(call, call.Required("PolicyId"))) }),
        ["CreatePolicy"] = async call =>
        {
            var type = TypeFilter(call, "Type");
            var view = Value(await call.Service<PolicyService>().CreateAsync(call.Request.Actor,
                new PolicyInput { Name = call.String("Name"), Description = call.String("Description"), Document = call.String("Content"), Tags = Tags(call), Type = type.ApiName() }),
                "PolicyNotFoundException", "DuplicatePolicyException");
            return new { Policy = await PolicyAfterAsync(call, view.Id) };
        },
        ["UpdatePolicy"] = async call =>
        {
            var current = PolicyOf(call, call.Required("PolicyId"));
            if (current.Kind == PolicyKind.ControlTower)
            {
                // Organizations edits Control Tower's SCPs like any other; Control Tower sees drift (SCP_UPDATED), as in AWS.
                Value(await call.Service<DriftService>().ApplyOutOfBandAsync(call.Request.Actor, new OutOfBandChange
                {
                    Kind = OutOfBandKinds.EditControlScp, PolicyId = current.Id, Document = call.String("Content") ?? current.Document,
                }), "PolicyNotFoundException");
                return new { Policy = await PolicyAfterAsync(call, current.Id) };
            }
            var view = Value(await call.Service<PolicyService>().UpdateAsync(call.Request.Actor, current.Id, new PolicyInput
            {
                Name = call.String("Name") ?? current.Name, Description = call.String("Description") ?? current.Description, Document = call.String("Content") ?? current.Document,
            }), "PolicyNotFoundException", "DuplicatePolicyException");
            return new { Policy = await PolicyAfterAsync(call, view.Id) };
        },
        ["DeletePolicy"] = async call =>
        {
            var policy = PolicyOf(call, call.Required("PolicyId"));
            var deleted = await call.Service<PolicyService>().DeleteAsync(call.Request.Actor, policy.Id);
            if (deleted.Status == Common.OperationStatus.Invalid)
            {
                throw new AwsError("PolicyInUseException", Describe(deleted.Errors));
            }
            Value(deleted, "PolicyNotFoundException");
            return null;
        },
        ["AttachPolicy"] = async call =>
        {
            var target = Target(call, call.Required("TargetId"));
            Value(await call.Service<PolicyService>().AttachAsync(call.Request.Actor, call.Required("PolicyId"), new AttachmentRequest(target)), "PolicyNotFoundException");
            return null;
        },
        ["DetachPolicy"] = async call =>
        {
            var target = Target(call, call.Required("TargetId"));
            if (call.Org.Policies.FirstOrDefault(p => p.Id == call.String("PolicyId")) is { Kind: PolicyKind.ControlTower } controlTower && controlTower.OwnerOuId == target)
            {
                // Detaching a control's SCP from its OU bypasses Control Tower: drift (SCP_DETACHED_FROM_OU), as in AWS.
                Value(await call.Service<DriftService>().ApplyOutOfBandAsync(call.Request.Actor,
                    new OutOfBandChange { Kind = OutOfBandKinds.DetachControlScp, PolicyId = controlTower.Id }), "PolicyNotFoundException");
                return null;
            }
            Value(await call.Service<PolicyService>().DetachAsync(call.Request.Actor, call.Required("PolicyId"), target), "PolicyNotFoundException");
            return null;
        },
        ["ListPoliciesForTarget"] = call =>
        {
            var type = TypeFilter(call, "Filter");
            return Answer(Page(call, "Policies", call.Org.AttachedTo(Target(call, call.Required("TargetId")), type).Select(p => Summary(call, p))));
        },
        ["ListTargetsForPolicy"] = call =>
        {
            var policy = PolicyOf(call, call.Required("PolicyId"));
            return Answer(Page(call, "Targets", call.Org.Attachments.Where(a => a.PolicyId == policy.Id).OrderBy(a => a.TargetId, StringComparer.Ordinal).Select(a => TargetSummary(call, a.TargetId))));
        },
    };

    private static readonly object[] PolicyTypes =
    [
        new { Type = Scp, Status = "ENABLED" },
        new { Type = PolicyType.ResourceControlPolicy.ApiName(), Status = "ENABLED" },
    ];

    private static Task<object?> Answer(object value) => Task.FromResult<object?>(value);

    /// <summary>A parent as the portal keeps it: null for the root, else a live OU; anything else is ParentNotFoundException.</summary>
    /// <summary>The request's <c>Tags</c> (<c>[{"Key": …, "Value": …}]</c>), or null when it names none.</summary>
    private static List<TagView>? Tags(OrganizationsCall call) =>
        (call.Input["Tags"] as System.Text.Json.Nodes.JsonArray)?.Select(t => new TagView(t?["Key"]?.GetValue<string>() ?? "", t?["Value"]?.GetValue<string>() ?? "")).ToList();

    private static string? Parent(OrganizationsCall call, string parentId) =>
        parentId == call.Arns.RootId ? null
        : call.Org.Ou(parentId) is { DeletedOutOfBand: false } ? parentId
        : throw new AwsError("ParentNotFoundException", $"We can't find a root or organizational unit (OU) with the ParentId '{parentId}'.");

    private static string Target(OrganizationsCall call, string targetId) =>
        targetId == call.Arns.RootId || call.Org.Ou(targetId) is { DeletedOutOfBand: false } || call.Org.Account(targetId) is not null ? targetId
        : throw new AwsError("TargetNotFoundException", $"We can't find a root, OU, account, or policy with the TargetId '{targetId}'.");

    private static OrganizationalUnit LiveOu(OrganizationsCall call, string id) =>
        call.Org.Ou(id) is { DeletedOutOfBand: false } ou ? ou
        : throw new AwsError("OrganizationalUnitNotFoundException", $"We can't find an organizational unit (OU) with the OrganizationalUnitId '{id}'.");

    private static ScpPolicy PolicyOf(OrganizationsCall call, string id) =>
        call.Org.Policies.FirstOrDefault(p => p.Id == id) ?? throw new AwsError("PolicyNotFoundException", $"We can't find a policy with the PolicyId '{id}'.");

    private static IEnumerable<OrganizationalUnit> OusUnder(OrganizationsCall call, string? parent) =>
        call.Org.LiveOus.Where(o => o.ParentId == parent).OrderBy(o => o.Id, StringComparer.Ordinal);

    /// <summary>SCPs and RCPs are enabled here; another of Organizations' policy types is AWS's PolicyTypeNotEnabledException.</summary>
    private static PolicyType TypeFilter(OrganizationsCall call, string field)
    {
        var type = call.Required(field);
        return MirrorTower.Engine.Policies.PolicyTypes.FromApiName(type)
            ?? throw new AwsError("PolicyTypeNotEnabledException",
                $"{field} '{type}' is not enabled in this organization: MirrorTower enables {Scp} and RESOURCE_CONTROL_POLICY.");
    }

    private static object Ou(OrganizationsCall call, OrganizationalUnit ou) => new { ou.Id, Arn = call.Arns.Ou(ou.Id), ou.Name };

    private static object Account(OrganizationsCall call, Account account) => new
    {
        account.Id, Arn = call.Arns.Account(account.Id), account.Email, account.Name, Status = "ACTIVE",
        JoinedMethod = account.Kind == AccountKind.Management ? "INVITED" : "CREATED",
        JoinedTimestamp = new DateTimeOffset(DateTime.SpecifyKind(account.CreatedUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0,
    };

    private static object Summary(OrganizationsCall call, ScpPolicy policy) => new
    {
        policy.Id, Arn = call.Arns.Policy(policy), policy.Name, policy.Description, Type = policy.Type.ApiName(), AwsManaged = policy.Kind == PolicyKind.AwsManaged,
    };

    private static object Policy(OrganizationsCall call, ScpPolicy policy) => new { PolicySummary = Summary(call, policy), Content = policy.Document };

    /// <summary>A policy as it is after the change, read again (the call's snapshot predates it).</summary>
    private static async Task<object> PolicyAfterAsync(OrganizationsCall call, string policyId)
    {
        var policy = (await call.Service<PolicyService>().ListAsync()).Single(p => p.Id == policyId);
        var summary = new { policy.Id, Arn = call.Arns.Policy(new ScpPolicy { Id = policy.Id, Name = policy.Name, Document = policy.Document, Kind = policy.Kind, Type = policy.Type }),
            policy.Name, policy.Description, Type = policy.Type.ApiName(), AwsManaged = policy.Kind == PolicyKind.AwsManaged };
        return new { PolicySummary = summary, Content = policy.Document };
    }

    private static object TargetSummary(OrganizationsCall call, string targetId) =>
        targetId == call.Arns.RootId ? new { TargetId = targetId, Arn = call.Arns.Root, Name = "Root", Type = "ROOT" }
        : call.Org.Account(targetId) is { } account ? new { TargetId = targetId, Arn = call.Arns.Account(targetId), account.Name, Type = "ACCOUNT" }
        : new { TargetId = targetId, Arn = call.Arns.Ou(targetId), Name = call.Org.Ou(targetId)?.Name ?? targetId, Type = "ORGANIZATIONAL_UNIT" };

    /// <summary>
    /// A page of a list as Organizations pages them: <c>MaxResults</c> from 1 to 20 (AWS's bound), an opaque
    /// <c>NextToken</c> while more remain.
    /// </summary>
    private static Dictionary<string, object?> Page<T>(OrganizationsCall call, string name, IEnumerable<T> items)
    {
        var max = call.Input["MaxResults"] is { } m ? (int?)m.GetValue<int>() : null;
        if (max is < 1 or > 20)
        {
            throw new AwsError("InvalidInputException", "MaxResults runs from 1 to 20.");
        }
        var (page, next) = AwsPaging.Page(items.ToList(), call.String("NextToken"), max ?? 20, "InvalidInputException");
        // A dictionary's null values are written, unlike absent members: the token is added only when there is one.
        var answer = new Dictionary<string, object?> { [name] = page };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }
        return answer;
    }
}
