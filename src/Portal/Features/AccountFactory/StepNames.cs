using MirrorTower.Portal.Features.AccountFactory.Model;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>The steps of each kind of record, in order, and how long each takes in realistic mode.</summary>
public static class StepNames
{
    public const string CheckExecutionRole = nameof(CheckExecutionRole);
    public const string CreateAccount = nameof(CreateAccount);
    public const string MoveToOu = nameof(MoveToOu);
    public const string Enroll = nameof(Enroll);
    public const string Baseline = nameof(Baseline);
    public const string ApplyControls = nameof(ApplyControls);
    public const string ComplianceEvaluation = nameof(ComplianceEvaluation);
    public const string Unmanage = nameof(Unmanage);

    public static IReadOnlyList<string> For(RecordType type, bool existingAccount) => type switch
    {
        RecordType.PROVISION_PRODUCT when existingAccount => [CheckExecutionRole, MoveToOu, Enroll, Baseline, ApplyControls, ComplianceEvaluation],
        RecordType.PROVISION_PRODUCT => [CreateAccount, MoveToOu, Enroll, Baseline, ApplyControls, ComplianceEvaluation],
        RecordType.UPDATE_PROVISIONED_PRODUCT => [MoveToOu, ApplyControls, ComplianceEvaluation],
        _ => [Unmanage],
    };

    /// <summary>Realistic durations: about 20 minutes for a new account, as AWS users report.</summary>
    public static TimeSpan RealisticDuration(string step) => step switch
    {
        CreateAccount => TimeSpan.FromMinutes(6),
        Enroll => TimeSpan.FromMinutes(5),
        Baseline => TimeSpan.FromMinutes(6),
        ApplyControls => TimeSpan.FromMinutes(2),
        _ => TimeSpan.FromSeconds(45),
    };
}
