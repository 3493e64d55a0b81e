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

    /// <summary>Changed only by the transitions below, so that every status has one place that decides it.</summary>
    public ProvisionedProductStatus Status { get; private set; } = ProvisionedProductStatus.UNDER_CHANGE;

    public string StatusMessage { get; private set; } = "";

    /// <summary>Why the product is TAINTED (null otherwise): a failed update, or an account changed outside Account Factory.</summary>
    public TaintCause? Taint { get; private set; }

    /// <summary>The OU the product's account belongs in (the ManagedOrganizationalUnit parameter, resolved to its id).</summary>
    public string? TargetOuId { get; set; }

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
    public DateTime? TerminatedUtc { get; private set; }

    /// <summary>An update, terminate or enroll may start only on a settled product that has its account.</summary>
    public string? NotReady() => Status == ProvisionedProductStatus.UNDER_CHANGE
        ? $"{Name} has an operation in progress: wait for it to end."
        : AccountId is null ? $"{Name} has no account (its launch failed): launch again instead." : null;

    /// <summary>A new operation starts on a settled product (a launch is UNDER_CHANGE from its creation).</summary>
    public void BeginChange(string message)
    {
        if (TerminatedUtc is not null || Status == ProvisionedProductStatus.UNDER_CHANGE)
        {
            throw new InvalidTransitionException($"{Name} is {Status}{(TerminatedUtc is null ? "" : ", terminated")}: no operation can start.");
        }
        (Status, StatusMessage, Taint) = (ProvisionedProductStatus.UNDER_CHANGE, message, null);
    }

    /// <summary>Says what the queued or running operation is doing, without changing the status.</summary>
    public void Note(string message)
    {
        RequireStatus(ProvisionedProductStatus.UNDER_CHANGE);
        StatusMessage = message;
    }

    /// <summary>The operation succeeded: the product matches its account.</summary>
    public void Settle(string message)
    {
        RequireStatus(ProvisionedProductStatus.UNDER_CHANGE);
        (Status, StatusMessage, Taint) = (ProvisionedProductStatus.AVAILABLE, message, null);
    }

    /// <summary>The launch failed or was rejected; a launch that never created its account releases the e-mail.</summary>
    public void MarkError(string message)
    {
        RequireStatus(ProvisionedProductStatus.UNDER_CHANGE);
        (Status, StatusMessage, Taint) = (ProvisionedProductStatus.ERROR, message, null);
        if (AccountId is null)
        {
            ReservedEmail = null;
        }
    }

    /// <summary>
    /// The product exists but no longer matches its account: an update failed after it changed the account (from
    /// UNDER_CHANGE), or the account was changed outside Account Factory (from AVAILABLE).
    /// </summary>
    public void MarkTainted(TaintCause cause, string message)
    {
        RequireStatus(cause == TaintCause.FailedUpdate ? ProvisionedProductStatus.UNDER_CHANGE : ProvisionedProductStatus.AVAILABLE);
        (Status, StatusMessage, Taint) = (ProvisionedProductStatus.TAINTED, message, cause);
    }

    /// <summary>The account matches again after a change outside Account Factory was undone.</summary>
    public void Untaint(string message)
    {
        if (Status != ProvisionedProductStatus.TAINTED || Taint != TaintCause.AccountChangedOutside)
        {
            throw new InvalidTransitionException($"{Name} is {Status}{(Taint is null ? "" : $" ({Taint})")}: only a product tainted by a change outside Account Factory is untainted.");
        }
        (Status, StatusMessage, Taint) = (ProvisionedProductStatus.AVAILABLE, message, null);
    }

    /// <summary>Terminate succeeded: the product is gone and its e-mail free.</summary>
    public void Terminate(string message, DateTime now)
    {
        Settle(message);
        TerminatedUtc = now;
        ReservedEmail = null;
    }

    private void RequireStatus(ProvisionedProductStatus expected)
    {
        if (Status != expected)
        {
            throw new InvalidTransitionException($"{Name} is {Status}, not {expected}.");
        }
    }
}

public enum TaintCause
{
    /// <summary>An update failed after it had changed the account.</summary>
    FailedUpdate,

    /// <summary>The account left the organization or governance, or moved OU, outside Account Factory.</summary>
    AccountChangedOutside,
}

/// <summary>A transition asked of a record or product in a state that does not allow it; the message names the state found.</summary>
public sealed class InvalidTransitionException(string message) : InvalidOperationException(message);

/// <summary>One operation on a provisioned product; its steps are a persisted state machine the worker resumes after a crash.</summary>
public sealed class ProvisioningRecord
{
    public required string Id { get; init; }
    public required string ProvisionedProductId { get; init; }
    public RecordType Type { get; init; }

    /// <summary>Changed only by the guarded transitions below: each checks the state it starts from.</summary>
    public RecordStatus Status { get; private set; } = RecordStatus.CREATED;

    public ApprovalState Approval { get; private set; }
    public string? ApprovedBy { get; private set; }
    public string? ApprovalReason { get; private set; }
    public required string RequestedBy { get; init; }
    public Dictionary<string, string> Parameters { get; set; } = [];

    /// <summary>The OU the record moves the account into (ManagedOrganizationalUnit, resolved to its id when the request was checked).</summary>
    public string? TargetOuId { get; init; }

    /// <summary>Set when the record works on an existing account (Enroll) or once the account is created.</summary>
    public string? AccountId { get; set; }

    public string? Message { get; private set; }
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; set; }
    public List<RecordStep> Steps { get; set; } = [];

    /// <summary>
    /// The portal instance working on the record, until <see cref="LeaseExpiresUtc"/>: it renews the lease at each step
    /// and at each heartbeat, and gives it up when the record ends. Another instance takes a record whose lease expired
    /// (its instance died) and resumes it from its first unfinished step.
    /// </summary>
    public string? LeaseHolder { get; private set; }

    public DateTime? LeaseExpiresUtc { get; private set; }

    /// <summary>Whether <paramref name="instance"/> may take the record now: nobody holds it, its lease expired, or it is the holder.</summary>
    public bool Claimable(string instance, DateTime now) => LeaseHolder is null || LeaseHolder == instance || LeaseExpiresUtc < now;

    /// <summary><paramref name="instance"/> takes (or keeps) the record until <paramref name="until"/>.</summary>
    public void Lease(string instance, DateTime until) => (LeaseHolder, LeaseExpiresUtc) = (instance, until);

    /// <summary>A new record, CREATED, with its steps and the approval it waits for (or not).</summary>
    public static ProvisioningRecord Submit(string id, ProvisionedProduct product, RecordType type, ApprovalState approval, string requestedBy,
        Dictionary<string, string> parameters, string? targetOuId, string? accountId, IEnumerable<string> steps, DateTime now)
    {
        var record = new ProvisioningRecord
        {
            Id = id, ProvisionedProductId = product.Id, Type = type, Approval = approval, RequestedBy = requestedBy, Parameters = parameters,
            TargetOuId = targetOuId, AccountId = accountId, CreatedUtc = now, UpdatedUtc = now,
            Steps = steps.Select((name, i) => new RecordStep { RecordId = id, Order = i + 1, Name = name }).ToList(),
        };
        product.LastRecordId = id;
        return record;
    }

    /// <summary>Whether the worker may pick it: queued and needing no approval, or approved.</summary>
    public bool Runnable => Status == RecordStatus.CREATED && Approval is ApprovalState.NotRequired or ApprovalState.Approved;

    /// <summary><see cref="Runnable"/>, as a query the database answers.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<ProvisioningRecord, bool>> Queued =
        r => r.Status == RecordStatus.CREATED && (r.Approval == ApprovalState.NotRequired || r.Approval == ApprovalState.Approved);

    public void Approve(string by, string? reason, DateTime now) => Decide(ApprovalState.Approved, by, reason, now);

    /// <summary>A rejected record fails with the reason the requester sees.</summary>
    public void Reject(string by, string reason, DateTime now)
    {
        Decide(ApprovalState.Rejected, by, reason, now);
        Status = RecordStatus.FAILED;
        Message = $"Rejected by {by}: {reason}";
    }

    /// <summary>The worker takes the record: CREATED (and runnable) becomes IN_PROGRESS; an IN_PROGRESS record resumes.</summary>
    public void Start(DateTime now)
    {
        if (Status == RecordStatus.IN_PROGRESS)
        {
            return;
        }
        if (!Runnable)
        {
            throw new InvalidTransitionException($"Record {Id} is {Status} ({Approval}): it cannot start.");
        }
        Status = RecordStatus.IN_PROGRESS;
        UpdatedUtc = now;
    }

    /// <summary>The next unfinished step starts (again, after a crash); its attempts count up.</summary>
    public RecordStep StartStep(string name, DateTime now)
    {
        RequireInProgress();
        var step = Steps.Single(s => s.Name == name);
        if (step.Status == StepStatus.Succeeded)
        {
            throw new InvalidTransitionException($"Step {name} of record {Id} already succeeded.");
        }
        (step.Status, step.StartedUtc, UpdatedUtc) = (StepStatus.Running, now, now);
        step.Attempts++;
        return step;
    }

    public void CompleteStep(string name, string message, DateTime now)
    {
        RequireInProgress();
        var step = Steps.Single(s => s.Name == name);
        if (step.Status != StepStatus.Running)
        {
            throw new InvalidTransitionException($"Step {name} of record {Id} is {step.Status}, not Running.");
        }
        (step.Status, step.Message, step.EndedUtc, UpdatedUtc) = (StepStatus.Succeeded, message, now, now);
    }

    /// <summary>Every step succeeded.</summary>
    public void Succeed(DateTime now)
    {
        RequireInProgress();
        if (Steps.FirstOrDefault(s => s.Status != StepStatus.Succeeded) is { } open)
        {
            throw new InvalidTransitionException($"Record {Id} cannot succeed: step {open.Name} is {open.Status}.");
        }
        (Status, UpdatedUtc, LeaseHolder, LeaseExpiresUtc) = (RecordStatus.SUCCEEDED, now, null, null);
    }

    /// <summary>A step could not complete: the record fails with the step's reason.</summary>
    public void Fail(string stepName, string reason, DateTime now)
    {
        RequireInProgress();
        var step = Steps.Single(s => s.Name == stepName);
        (step.Status, step.EndedUtc, step.Message) = (StepStatus.Failed, now, reason);
        (Status, Message, UpdatedUtc, LeaseHolder, LeaseExpiresUtc) = (RecordStatus.FAILED, $"{stepName} failed: {reason}", now, null, null);
    }

    /// <summary>Null while the record waits for a decision, else the state that makes a decision a conflict.</summary>
    public string? NotDecidable() => Approval == ApprovalState.Pending && Status == RecordStatus.CREATED ? null
        : $"Record {Id} is not waiting for approval: it is {Approval}{(ApprovedBy is null ? "" : $" by {ApprovedBy}")}.";

    private void Decide(ApprovalState decision, string by, string? reason, DateTime now)
    {
        if (NotDecidable() is { } conflict)
        {
            throw new InvalidTransitionException(conflict);
        }
        (Approval, ApprovedBy, ApprovalReason, UpdatedUtc) = (decision, by, reason, now);
    }

    private void RequireInProgress()
    {
        if (Status != RecordStatus.IN_PROGRESS)
        {
            throw new InvalidTransitionException($"Record {Id} is {Status}, not IN_PROGRESS.");
        }
    }
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
