using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.AccountFactory.AwsApi;

/// <summary>
/// AWS Service Catalog's end-user calls over JSON 1.1 (<c>X-Amz-Target: AWS242ServiceCatalogService.*</c>): the
/// Account Factory as a user sees it. Any user's key works, whatever account it acts in; what it sees and launches is the
/// user's (an Admin's, everything), exactly as on the Account Factory page, and a Member's launch waits for approval there.
/// </summary>
public static class ServiceCatalogJsonApi
{
    private const string TargetPrefix = "AWS242ServiceCatalogService.";

    private sealed record Call(JsonObject Input, AwsRequest Request, Requester Requester, ProvisioningService Provisioning)
    {
        public string? String(string name) => Input[name]?.GetValueKind() == JsonValueKind.String ? Input[name]!.GetValue<string>() : null;
    }

    private static readonly Dictionary<string, Func<Call, Task<object>>> Handlers = new(StringComparer.Ordinal)
    {
        ["ListPortfolios"] = async call => Paged(call, "PortfolioDetails", (await call.Provisioning.LaunchableAsync(call.Requester)).DistinctBy(p => p.PortfolioId)
            .Select(p => (object)new { Id = p.PortfolioId, ARN = Arn(call, "portfolio", p.PortfolioId), DisplayName = p.PortfolioName, ProviderName = "MirrorTower" }), "NextPageToken"),
        ["SearchProducts"] = async call => Paged(call, "ProductViewSummaries",
            (await call.Provisioning.LaunchableAsync(call.Requester)).DistinctBy(p => p.ProductId).Select(p => ViewSummary(p)), "NextPageToken"),
        ["DescribeProduct"] = async call =>
        {
            var paths = await PathsAsync(call, call.String("Id"), call.String("Name"));
            return new
            {
                ProductViewSummary = ViewSummary(paths[0]),
                ProvisioningArtifacts = paths.DistinctBy(p => p.ArtifactId).Select(p => new { Id = p.ArtifactId, Name = p.ArtifactName, Guidance = "DEFAULT" }),
                LaunchPaths = paths.Select(p => new { Id = p.PortfolioId, Name = p.PortfolioName }),
            };
        },
        ["ListLaunchPaths"] = async call => Paged(call, "LaunchPathSummaries", (await PathsAsync(call, call.String("ProductId"), null)).Select(p => (object)new
        {
            Id = p.PortfolioId, Name = p.PortfolioName,
            ConstraintSummaries = p.Constraints.Select(c => new { c.Type, c.Description }).Concat(p.RequiresApproval ? [new { Type = "APPROVAL", Description = "An Admin approves each launch." }] : []),
        }), "NextPageToken"),
        ["DescribeProvisioningParameters"] = async call =>
        {
            var paths = await PathsAsync(call, call.String("ProductId"), call.String("ProductName"));
            var path = call.String("PathId") is { } pathId ? paths.FirstOrDefault(p => p.PortfolioId == pathId) ?? throw NotFound($"No launch path '{pathId}' for this product.") : paths[0];
            return new
            {
                ProvisioningArtifactParameters = path.Parameters.Select(p => new
                {
                    ParameterKey = p.Key, p.DefaultValue, ParameterType = "String", IsNoEcho = false, p.Description,
                    ParameterConstraints = new { AllowedValues = path.Constraints.Where(c => c.Parameter == p.Key).SelectMany(c => c.AllowedValues).ToList() },
                }),
                ConstraintSummaries = path.Constraints.Select(c => new { c.Type, c.Description }),
            };
        },
        ["ProvisionProduct"] = async call =>
        {
            var paths = await PathsAsync(call, call.String("ProductId"), call.String("ProductName"));
            var parameters = (call.Input["ProvisioningParameters"] as JsonArray ?? []).ToDictionary(
                p => p?["Key"]?.GetValue<string>() ?? throw Invalid("Each provisioning parameter has a Key."), p => p?["Value"]?.GetValue<string>());
            var product = Value(await call.Provisioning.LaunchAsync(call.Requester, new LaunchRequest(call.String("ProvisionedProductName"), parameters, paths[0].ProductId,
                call.String("ProvisioningArtifactId"), call.String("PathId"), call.String("ProvisionToken"))));
            return new { RecordDetail = Record(product.LastRecord!, product) };
        },
        ["DescribeRecord"] = async call =>
        {
            var id = call.String("Id") ?? throw Invalid("Id is required.");
            var record = await call.Provisioning.RecordAsync(id);
            if (record is null || (!call.Requester.IsAdmin && call.Requester.Role != PortalRoles.Auditor && await call.Provisioning.OwnerOfRecordAsync(id) != call.Requester.Actor.UserId))
            {
                throw NotFound($"No record '{id}' is yours.");
            }
            return new
            {
                RecordDetail = Record(record, null),
                RecordOutputs = record.AccountId is { } account ? new[] { new { OutputKey = "AccountId", OutputValue = account, Description = "The vended account" } } : [],
            };
        },
        ["ListRecordHistory"] = async call =>
        {
            var product = call.Input["SearchFilter"]?["Key"]?.GetValue<string>() == "provisionedproduct" ? call.Input["SearchFilter"]?["Value"]?.GetValue<string>() : null;
            var records = (await call.Provisioning.RecordHistoryAsync(call.Requester)).Where(r => product is null || r.ProvisionedProductId == product);
            return Paged(call, "RecordDetails", records.Select(r => Record(r, null)), "NextPageToken");
        },
        ["SearchProvisionedProducts"] = async call =>
        {
            var products = await call.Provisioning.ListAsync(call.Requester);
            var answer = Paged(call, "ProvisionedProducts", products.Select(p => (object)new
            {
                p.Name, Arn = Arn(call, "stack", p.Id), Type = "CONTROL_TOWER_ACCOUNT", p.Id, Status = p.Status.ToString(), p.StatusMessage,
                CreatedTime = Epoch(p.CreatedUtc), LastRecordId = p.LastRecord?.RecordId, PhysicalId = p.AccountId, ProductName = p.ProductName,
            }), "NextPageToken");
            answer["TotalResultsCount"] = products.Count;
            return answer;
        },
        ["DescribeProvisionedProduct"] = async call =>
        {
            var product = await ProvisionedAsync(call, call.String("Id"), call.String("Name"));
            return new
            {
                ProvisionedProductDetail = new
                {
                    product.Name, Arn = Arn(call, "stack", product.Id), Type = "CONTROL_TOWER_ACCOUNT", product.Id, Status = product.Status.ToString(),
                    product.StatusMessage, CreatedTime = Epoch(product.CreatedUtc), LastRecordId = product.LastRecord?.RecordId,
                },
            };
        },
        ["UpdateProvisionedProduct"] = async call =>
        {
            var product = await ProvisionedAsync(call, call.String("ProvisionedProductId"), call.String("ProvisionedProductName"));
            var parameters = (call.Input["ProvisioningParameters"] as JsonArray ?? []).Where(p => p?["UsePreviousValue"]?.GetValue<bool>() != true).ToDictionary(
                p => p?["Key"]?.GetValue<string>() ?? throw Invalid("Each provisioning parameter has a Key."), p => p?["Value"]?.GetValue<string>());
            var updated = Value(await call.Provisioning.UpdateAsync(call.Requester, product.Id, new UpdateRequest(parameters)));
            return new { RecordDetail = Record(updated.LastRecord!, updated) };
        },
        ["TerminateProvisionedProduct"] = async call =>
        {
            var product = await ProvisionedAsync(call, call.String("ProvisionedProductId"), call.String("ProvisionedProductName"));
            var terminated = Value(await call.Provisioning.TerminateAsync(call.Requester, product.Id));
            return new { RecordDetail = Record(terminated.LastRecord!, terminated) };
        },
    };

    public static async Task ServeAsync(HttpContext context, AwsRequest request)
    {
        var operation = AwsJson.Operation(context, TargetPrefix, Handlers.Keys, "Service Catalog");
        var input = AwsJson.Body(request, "SerializationException");
        var requester = new Requester(request.Actor, request.Actor.Role ?? "", request.Actor.Name);
        var answer = await Handlers[operation](new Call(input, request, requester, context.RequestServices.GetRequiredService<ProvisioningService>()));
        await AwsJson.WriteAsync(context, request, answer);
    }

    private static AwsError NotFound(string message) => new("ResourceNotFoundException", message);

    private static AwsError Invalid(string message) => new("InvalidParametersException", message);

    private static string Arn(Call call, string type, string id) => $"arn:aws:catalog:{call.Request.Region}:{call.Request.AccountId}:{type}/{id}";

    private static double Epoch(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0;

    private static object ViewSummary(LaunchableProduct product) => new
    {
        Id = product.ProductId, product.ProductId, product.Name, Owner = "MirrorTower", ShortDescription = product.Description, Type = "CLOUD_FORMATION_TEMPLATE", HasDefaultPath = true,
    };

    /// <summary>The launch paths of a product (by id or name) the caller may use; none is ResourceNotFoundException, as AWS answers.</summary>
    private static async Task<IReadOnlyList<LaunchableProduct>> PathsAsync(Call call, string? id, string? name)
    {
        if (id is null && name is null)
        {
            throw Invalid("Give the product's Id or Name.");
        }
        var paths = (await call.Provisioning.LaunchableAsync(call.Requester)).Where(p => id is not null ? p.ProductId == id : p.Name == name).ToList();
        return paths.Count > 0 ? paths : throw NotFound($"No product '{id ?? name}' is shared with you.");
    }

    private static async Task<ProvisionedProductView> ProvisionedAsync(Call call, string? id, string? name) =>
        (await call.Provisioning.ListAsync(call.Requester)).FirstOrDefault(p => id is not null ? p.Id == id : p.Name == name)
            ?? throw NotFound($"No provisioned product '{id ?? name}' is yours.");

    private static object Record(RecordView record, ProvisionedProductView? product) => new
    {
        record.RecordId, record.ProvisionedProductName, Status = record.Status.ToString(), CreatedTime = Epoch(record.CreatedUtc), UpdatedTime = Epoch(record.UpdatedUtc),
        ProvisionedProductType = "CONTROL_TOWER_ACCOUNT", RecordType = record.RecordType.ToString(), record.ProvisionedProductId,
        RecordErrors = record.Status == RecordStatus.FAILED && record.Message is { } message ? new[] { new { Code = "FAILED", Description = message } } : null,
        RecordTags = record.Approval == ApprovalState.Pending ? new[] { new { Key = "mirrortower:approval", Value = "PENDING" } } : null,
    };

    private static T Value<T>(OperationResult<T> result) => result.Status switch
    {
        OperationStatus.Succeeded => result.Value!,
        OperationStatus.NotFound => throw NotFound(result.Message ?? "Not found."),
        OperationStatus.Invalid => throw Invalid(string.Join(" ", result.Errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))),
        OperationStatus.Conflict => throw new AwsError("InvalidStateException", string.Join(" ", result.Errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))),
        _ => throw new AwsError("AccessDeniedException", result.Message ?? "You may not do this.", StatusCodes.Status403Forbidden),
    };

    private static Dictionary<string, object?> Paged(Call call, string name, IEnumerable<object> items, string tokenName)
    {
        var size = call.Input["PageSize"] is { } s ? s.GetValue<int>() : 20;
        if (size is < 0 or > 100)
        {
            throw Invalid("PageSize runs from 0 to 100.");
        }
        var (page, next) = AwsPaging.Page(items.ToList(), call.String("PageToken"), size == 0 ? 20 : size, "InvalidParametersException");
        var answer = new Dictionary<string, object?> { [name] = page };
        if (next is not null)
        {
            answer[tokenName] = next;
        }
        return answer;
    }
}
