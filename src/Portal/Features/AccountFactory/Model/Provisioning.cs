namespace MirrorTower.Portal.Features.AccountFactory.Model;

/// <summary>Service Catalog's provisioned product statuses (shared/reference/account-factory.md).</summary>
public enum ProvisionedProductStatus
{
    UNDER_CHANGE,
    AVAILABLE,
    TAINTED,
    ERROR,
    PLAN_IN_PROGRESS,
}

public enum RecordType
{
    PROVISION_PRODUCT,
    UPDATE_PROVISIONED_PRODUCT,
    TERMINATE_PROVISIONED_PRODUCT,
}

public enum RecordStatus
{
    CREATED,
    IN_PROGRESS,
    IN_PROGRESS_IN_ERROR,
    SUCCEEDED,
    FAILED,
}

public enum ApprovalState
{
    NotRequired,
    Pending,
    Approved,
    Rejected,
}

/// <summary>One launched account product: its status, the account it vended, who owns it.</summary>
public sealed class ProvisionedProduct
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string ProductId { get; init; }
    public required string ArtifactId { get; set; }
    public required string PortfolioId { get; init; }
    public ProvisionedProductStatus Status { get; set; }
    public string StatusMessage { get; set; } = "";
    public required string OwnerUserId { get; init; }
    public required string OwnerName { get; init; }
    public string? AccountId { get; set; }

    /// <summary>The account e-mail while the product holds it: unique across requests, so that two launches cannot race for one e-mail.</summary>
    public string? ReservedEmail { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
    public string? LastRecordId { get; set; }
    public DateTime CreatedUtc { get; init; }

    /// <summary>The launch's idempotency token, unique per owner, and the fingerprint of the request it came with.</summary>
    public string? ProvisionToken { get; init; }
    public string? LaunchFingerprint { get; init; }

    /// <summary>Set by Terminate: the account left governance (it is not closed) and the product is gone.</summary>
    public DateTime? TerminatedUtc { get; set; }
}

/// <summary>One operation on a provisioned product; its steps are a persisted state machine the worker resumes after a crash.</summary>
public sealed class ProvisioningRecord
{
    public required string Id { get; init; }
    public required string ProvisionedProductId { get; init; }
    public RecordType Type { get; init; }
    public RecordStatus Status { get; set; }
    public ApprovalState Approval { get; set; }
    public string? ApprovedBy { get; set; }
    public string? ApprovalReason { get; set; }
    public required string RequestedBy { get; init; }
    public Dictionary<string, string> Parameters { get; set; } = [];

    /// <summary>Set when the record works on an existing account (Enroll) or once the account is created.</summary>
    public string? AccountId { get; set; }

    public string? Message { get; set; }
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; set; }
    public List<RecordStep> Steps { get; set; } = [];
}

public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

/// <summary>A step of a record, with its times, its outcome and how many times it was started (a crash restarts it).</summary>
public sealed class RecordStep
{
    public long Id { get; init; }
    public required string RecordId { get; init; }
    public int Order { get; init; }
    public required string Name { get; init; }
    public StepStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public string? Message { get; set; }
}
