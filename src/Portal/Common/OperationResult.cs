namespace MirrorTower.Portal.Common;

public enum OperationStatus
{
    Succeeded,
    Invalid,
    NotFound,
    Denied,

    /// <summary>The change would make policy tests fail: repeat it with an explicit confirmation.</summary>
    NeedsConfirmation,

    /// <summary>The thing is no longer in the state the change expects (another request changed it first).</summary>
    Conflict,
}

/// <summary>An operation's answer without its value, for widgets that only show why it failed.</summary>
public interface IOperationOutcome
{
    bool Succeeded { get; }
    FieldErrors Errors { get; }
    string? Message { get; }
}

/// <summary>What a feature service answers: a value, or why there is none. Nothing is saved unless it succeeded.</summary>
public sealed record OperationResult<T>(OperationStatus Status, T? Value, FieldErrors Errors, string? Message) : IOperationOutcome
{
    /// <summary>For changes checked by the policy test suites: the cases they would flip.</summary>
    public GateReport? Gate { get; init; }

    /// <summary>An AWS error code for the AWS-compatible API (<c>InvalidTrafficMirrorFilterNotFound</c>, …), when one fits better than the status.</summary>
    public string? Code { get; init; }

    public bool Succeeded => Status == OperationStatus.Succeeded;

    /// <summary>The same refusal for another value type.</summary>
    public OperationResult<TOther> As<TOther>() => new(Status, default, Errors, Message) { Code = Code, Gate = Gate };

    public static OperationResult<T> Success(T value) => new(OperationStatus.Succeeded, value, new(), null);

    public static OperationResult<T> Invalid(FieldErrors errors) =>
        new(OperationStatus.Invalid, default, errors, errors.ToString());

    /// <summary>A guarded transition that found another state: the errors name the field and the state found.</summary>
    public static OperationResult<T> Conflict(FieldErrors errors) =>
        new(OperationStatus.Conflict, default, errors, errors.ToString());

    public static OperationResult<T> NotFound(string message) => new(OperationStatus.NotFound, default, new(), message);

    public static OperationResult<T> Denied(string message) => new(OperationStatus.Denied, default, new(), message);

    /// <summary>Blocked by the policy test suites: refused, or waiting for a confirmation.</summary>
    public static OperationResult<T> Blocked(GateReport gate) => gate.Refuses
        ? new(OperationStatus.Denied, default, new(), $"Refused by the policy test suite(s) {string.Join(", ", gate.RefusingSuites)}. {gate.Describe()}") { Gate = gate }
        : new(OperationStatus.NeedsConfirmation, default, new(), $"{gate.Describe()} Confirm the change to make it anyway.") { Gate = gate };
}
