using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using MirrorTower.Portal.Security;
using MirrorTower.Portal.Features.Mirroring.Network;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>
/// The EC2 Query API at <c>/aws</c> (form-encoded <c>Action=…</c>, XML answers) for the traffic-mirroring and network
/// actions, so that <c>aws --endpoint-url http://host:port/aws ec2 …</c> and the AWS SDKs work against MirrorTower.
/// The <c>/aws</c> endpoint has authenticated the caller; the key's user is the principal the account's SCPs judge.
/// </summary>
public static class Ec2QueryEndpoint
{
    public static async Task ServeAsync(HttpContext context, AwsRequest request)
    {
        var services = context.RequestServices;
        var form = QueryHelpers.ParseQuery(context.Request.QueryString.Value).Concat(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body)))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var parameters = new Ec2Parameters(form);
        var caller = new Ec2Caller(request.Actor, request.AccountId, request.Region, request.PrincipalArn, request.CanWrite) { DryRun = parameters.Bool("DryRun") };
        var action = parameters.Required("Action");
        var reads = services.GetRequiredService<Ec2Reads>();
        var call = new Ec2Call(parameters, caller, services.GetRequiredService<MirroringService>(), services.GetRequiredService<NetworkService>(),
            () => reads.DescribeAsync(caller, $"ec2:{action}"));
        var token = parameters.String("ClientToken");
        var response = token is null || !Ec2Actions.TakeClientToken.Contains(action)
            ? await Ec2Actions.ServeAsync(action, call, request.Id)
            : await services.GetRequiredService<Ec2Idempotency>().RunAsync(caller.AccountId, action, token,
                form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal), () => Ec2Actions.ServeAsync(action, call, request.Id));
        // A repeated answer is the original result under this request's id.
        response.Element(Ec2Xml.Ns + "requestId")?.SetValue(request.Id);
        context.Response.ContentType = "text/xml;charset=UTF-8";
        await context.Response.WriteAsync(response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
    }
}
