namespace MirrorTower.Portal.Security;

/// <summary>
/// An AWS error answer: its code (<c>InvalidParameterValue</c>, <c>AccessDeniedException</c>, ...), message and HTTP
/// status. Each protocol writes it in its own shape: EC2's and STS's XML, JSON 1.1's <c>__type</c>.
/// </summary>
public sealed class AwsError(string code, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}
