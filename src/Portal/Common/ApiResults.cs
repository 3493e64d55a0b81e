using Microsoft.AspNetCore.Http.HttpResults;

namespace MirrorTower.Portal.Common;

internal static class ApiResults
{
    /// <summary>
    /// Maps a feature service's answer to HTTP: the success result, else 400 with problem details naming each field,
    /// 409, 404 or 403. The typed union puts the success body's schema and the problem answers in the OpenAPI document.
    /// </summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> ToHttp<T, TSuccess>(this OperationResult<T> result, Func<T, TSuccess> success)
        where TSuccess : IResult => result.Status switch
    {
        _ when result.Gate is { Blocks: true } gate => TypedResults.Problem(result.Message,
            statusCode: result.Status == OperationStatus.NeedsConfirmation ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden,
            title: result.Status == OperationStatus.NeedsConfirmation
                ? "The change would make policy tests fail; send it again with confirmFailingTests=true to make it anyway."
                : "The change is refused by a policy test suite.",
            extensions: new Dictionary<string, object?> { ["failingCases"] = gate.Flipped }),
        OperationStatus.Succeeded => success(result.Value!),
        OperationStatus.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(),
            title: "The request is not valid.", detail: result.Message),
        OperationStatus.Conflict => TypedResults.Problem(new HttpValidationProblemDetails(result.Errors.ToDictionary())
        {
            Status = StatusCodes.Status409Conflict, Title = "The request conflicts with the current state.", Detail = result.Message,
        }),
        OperationStatus.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
    };
}
