using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Security;

/// <summary>
/// An authenticated AWS request, whatever the service: its id, the service its signature names, the portal user behind
/// the key (the actor of the audit trail, with their role), the account and Region the key acts in, the principal the
/// account's SCPs judge (<c>arn:aws:iam::ACCOUNT:user/NAME</c>), the key, and the signed body.
/// </summary>
public sealed record AwsRequest(string Id, string Service, Actor Actor, string AccountId, string Region, string PrincipalArn, bool CanWrite, string AccessKeyId, byte[] Body);
