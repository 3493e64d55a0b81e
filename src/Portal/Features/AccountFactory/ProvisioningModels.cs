using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>The body of <c>POST /api/v1/provisioned-products</c>: the product (Account Factory by default), version, launch path and parameters.</summary>
/// <param name="ProvisionToken">Service Catalog's idempotency token: a launch retried with it returns the first launch's product instead of a second account.</param>
public sealed record LaunchRequest(string? ProvisionedProductName, IReadOnlyDictionary<string, string?>? Parameters, string? ProductId = null,
    string? ProvisioningArtifactId = null, string? PathId = null, string? ProvisionToken = null)
{
    /// <summary>What a retry must repeat to count as the same launch.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
        [ProvisionedProductName ?? "", ProductId ?? "", ProvisioningArtifactId ?? "", PathId ?? "",
            .. (Parameters ?? new Dictionary<string, string?>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")]))));
}

public sealed record UpdateRequest(IReadOnlyDictionary<string, string?>? Parameters);

public sealed record EnrollRequest(string? AccountId, string? ManagedOrganizationalUnit, string? SsoUserEmail = null, string? SsoUserFirstName = null, string? SsoUserLastName = null);

public sealed record ApprovalDecision(bool Approve, string? Reason);

public sealed record StepView(int Order, string Name, StepStatus Status, int Attempts, DateTime? StartedUtc, DateTime? EndedUtc, string? Message);

/// <summary>A record as the API and the pages show it: status, approval, steps with their times and messages, and its place in the queue.</summary>
public sealed record RecordView(string RecordId, string ProvisionedProductId, string ProvisionedProductName, RecordType RecordType, RecordStatus Status,
    ApprovalState Approval, string? ApprovedBy, string? ApprovalReason, string RequestedBy, string? AccountId, string? Message,
    IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<StepView> Steps, int? QueuePosition, DateTime CreatedUtc, DateTime UpdatedUtc);

public sealed record ProvisionedProductView(string Id, string Name, string ProductName, ProvisionedProductStatus Status, string StatusMessage, string OwnerName,
    string? AccountId, IReadOnlyDictionary<string, string> Parameters, RecordView? LastRecord, DateTime CreatedUtc, DateTime? TerminatedUtc, IReadOnlyList<string> Warnings);

/// <summary>A product a user may launch, through which portfolio, with its default version's parameters.</summary>
public sealed record LaunchableProduct(string ProductId, string Name, string Description, string PortfolioId, string PortfolioName, bool RequiresApproval,
    string ArtifactId, string ArtifactName, IReadOnlyList<ParameterDefinition> Parameters, IReadOnlyList<ConstraintDetail> Constraints);

/// <summary>What a launch would be told, without being made: the errors by field and the warnings.</summary>
public sealed record LaunchCheck(FieldErrors Errors, IReadOnlyList<string> Warnings);
