using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.AccountFactory.Model;

namespace MirrorTower.Portal.Tests.Features.AccountFactory;

/// <summary>
/// The Account Factory's records and products change state only through guarded transitions: each starts from the
/// state it expects and otherwise refuses, naming the state it found (shared/reference/account-factory.md: a record
/// is CREATED, IN_PROGRESS, then SUCCEEDED or FAILED; a product is UNDER_CHANGE while a record works on it).
/// </summary>
public sealed class GuardedTransitionTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ProvisionedProduct Product(string? accountId = null) => new()
    {
        Id = "pp-1", Name = "web-dev", ProductId = "prod-1", ArtifactId = "pa-1", PortfolioId = "port-1", OwnerUserId = "u-1", OwnerName = "member@tests.example",
        AccountId = accountId,
    };

    private static ProvisioningRecord Record(ProvisionedProduct product, ApprovalState approval, RecordType type = RecordType.PROVISION_PRODUCT) =>
        ProvisioningRecord.Submit("rec-1", product, type, approval, "member@tests.example", [], "ou-abcd-12345678", product.AccountId,
            ProvisioningStepTable.For(type, existingAccount: product.AccountId is not null).Select(s => s.Name), Now);

    [Fact]
    public void ARecordWaitingForApprovalCannotStartAndTakesOneDecisionOnly()
    {
        var record = Record(Product(), ApprovalState.Pending);
        Assert.False(record.Runnable);
        Assert.Throws<InvalidTransitionException>(() => record.Start(Now));

        record.Approve("admin@tests.example", null, Now);

        var second = Assert.Throws<InvalidTransitionException>(() => record.Reject("other@tests.example", "No.", Now));
        Assert.Contains("it is Approved by admin@tests.example", second.Message, StringComparison.Ordinal);
        Assert.Equal(RecordStatus.CREATED, record.Status);
        Assert.True(record.Runnable);
    }

    [Fact]
    public void ARejectedRecordFailsWithTheReasonAndNeverStarts()
    {
        var record = Record(Product(), ApprovalState.Pending);
        record.Reject("admin@tests.example", "Use the shared account.", Now);

        Assert.Equal(RecordStatus.FAILED, record.Status);
        Assert.Equal("Rejected by admin@tests.example: Use the shared account.", record.Message);
        Assert.Throws<InvalidTransitionException>(() => record.Start(Now));
        Assert.Throws<InvalidTransitionException>(() => record.Approve("admin@tests.example", null, Now));
    }

    [Fact]
    public void StepsRunInOrderOnlyWhileTheRecordIsInProgress()
    {
        var record = Record(Product(), ApprovalState.NotRequired);
        var first = record.Steps.OrderBy(s => s.Order).First().Name;
        Assert.Throws<InvalidTransitionException>(() => record.StartStep(first, Now));

        record.Start(Now);
        Assert.Throws<InvalidTransitionException>(() => record.CompleteStep(first, "done", Now));
        var step = record.StartStep(first, Now);
        record.CompleteStep(first, "done", Now);

        Assert.Equal((StepStatus.Succeeded, 1), (step.Status, step.Attempts));
        Assert.Throws<InvalidTransitionException>(() => record.StartStep(first, Now));
        var open = Assert.Throws<InvalidTransitionException>(() => record.Succeed(Now));
        Assert.Contains("step MoveToOu is Pending", open.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStepStartedAgainAfterACrashCountsItsAttempts()
    {
        var record = Record(Product(), ApprovalState.NotRequired);
        record.Start(Now);
        record.StartStep(StepName(record, 1), Now);
        record.Start(Now); // resumed after a restart: IN_PROGRESS stays IN_PROGRESS
        var step = record.StartStep(StepName(record, 1), Now);

        Assert.Equal(2, step.Attempts);
        Assert.Equal(RecordStatus.IN_PROGRESS, record.Status);
    }

    [Fact]
    public void AFailedStepFailsTheRecordWithItsReason()
    {
        var record = Record(Product(), ApprovalState.NotRequired);
        record.Start(Now);
        record.StartStep(StepName(record, 1), Now);
        record.Fail(StepName(record, 1), "The e-mail is taken.", Now);

        Assert.Equal(RecordStatus.FAILED, record.Status);
        Assert.Equal("CreateAccount failed: The e-mail is taken.", record.Message);
        Assert.Throws<InvalidTransitionException>(() => record.Succeed(Now));
    }

    [Fact]
    public void AProductTakesOneOperationAtATime()
    {
        var product = Product("111122223333");
        product.Settle("Available.");
        product.BeginChange("Moving to Prod.");

        var busy = Assert.Throws<InvalidTransitionException>(() => product.BeginChange("Terminating."));
        Assert.Contains("UNDER_CHANGE", busy.Message, StringComparison.Ordinal);
        Assert.Equal("web-dev has an operation in progress: wait for it to end.", product.NotReady());
    }

    [Fact]
    public void OnlyAProductTaintedOutsideAccountFactoryIsUntainted()
    {
        var failedUpdate = Product("111122223333");
        failedUpdate.MarkTainted(TaintCause.FailedUpdate, "The update failed after it moved the account.");
        Assert.Throws<InvalidTransitionException>(() => failedUpdate.Untaint("Matches again."));

        var moved = Product("111122223333");
        moved.Settle("Available.");
        moved.MarkTainted(TaintCause.AccountChangedOutside, "No longer matches: moved.");
        moved.Untaint("Matches again.");
        Assert.Equal((ProvisionedProductStatus.AVAILABLE, (TaintCause?)null), (moved.Status, moved.Taint));
    }

    [Fact]
    public void AFailedLaunchReleasesItsEmailUnlessItCreatedTheAccount()
    {
        var launch = Product();
        launch.ReservedEmail = "web-dev@tests.example";
        launch.MarkError("CreateAccount failed.");
        Assert.Null(launch.ReservedEmail);

        var enrolled = Product("111122223333");
        enrolled.ReservedEmail = "web-dev@tests.example";
        enrolled.MarkError("Baseline failed.");
        Assert.Equal("web-dev@tests.example", enrolled.ReservedEmail);
    }

    [Theory]
    [InlineData(RecordType.PROVISION_PRODUCT, false, "CreateAccount,MoveToOu,Enroll,Baseline,ApplyControls,DeployBlueprint,ComplianceEvaluation")]
    [InlineData(RecordType.PROVISION_PRODUCT, true, "CheckExecutionRole,MoveToOu,Enroll,Baseline,ApplyControls,ComplianceEvaluation")]
    [InlineData(RecordType.UPDATE_PROVISIONED_PRODUCT, true, "MoveToOu,ApplyControls,ComplianceEvaluation")]
    [InlineData(RecordType.TERMINATE_PROVISIONED_PRODUCT, true, "Unmanage")]
    public void EachRecordTypeHasItsStepsFromOneTable(RecordType type, bool existingAccount, string steps)
    {
        var table = ProvisioningStepTable.For(type, existingAccount);
        Assert.Equal(steps, string.Join(',', table.Select(s => s.Name)));
        Assert.All(table, s => Assert.Same(s, ProvisioningStepTable.Named(s.Name)));
        Assert.Throws<StepFailedException>(() => ProvisioningStepTable.Named("Reticulate"));
    }

    private static string StepName(ProvisioningRecord record, int order) => record.Steps.Single(s => s.Order == order).Name;
}
