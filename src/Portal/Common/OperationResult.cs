namespace MirrorTower.Portal.Common;

public enum OperationStatus
{
    Succeeded,
    Invalid,
    NotFound,
    Denied,
}

/// <summary>What a feature service answers: a value, or why there is none. Nothing is saved unless it succeeded.</summary>
public sealed record OperationResult<T>(OperationStatus Status, T? Value, FieldErrors Errors, string? Message)
{
    public bool Succeeded => Status == OperationStatus.Succeeded;

    public static OperationResult<T> Success(T value) => new(OperationStatus.Succeeded, value, new(), null);

    public static OperationResult<T> Invalid(FieldErrors errors) =>
        new(OperationStatus.Invalid, default, errors, errors.ToString());

    public static OperationResult<T> NotFound(string message) => new(OperationStatus.NotFound, default, new(), message);

    public static OperationResult<T> Denied(string message) => new(OperationStatus.Denied, default, new(), message);
}
