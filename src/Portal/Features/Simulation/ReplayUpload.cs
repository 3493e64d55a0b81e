using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>
/// <c>POST /api/v1/replays</c> read as it arrives. Either the body is the capture (a pcap media type; <c>sourceEniId</c>
/// and <c>fileName</c> in the query), or it is multipart: walked part by part, <c>sourceEniId</c> (a part before the
/// capture, or the query) names the ENI, and the <c>capture</c> part's bytes go to the replay as they come. Never to a
/// file or a buffer of the whole upload first.
/// </summary>
internal static class ReplayUpload
{
    private const int MaxFieldBytes = 256;
    private const int BufferBytes = 256 * 1024;

    /// <summary>Media types of a body that is the capture itself.</summary>
    public static readonly string[] CaptureMediaTypes = ["application/vnd.tcpdump.pcap", "application/x-pcapng", "application/octet-stream"];

    private static readonly HashSet<string> CaptureTypes = new(CaptureMediaTypes, StringComparer.OrdinalIgnoreCase);

    public static async Task<OperationResult<RunSnapshot>> ReplayAsync(HttpContext context, SimulationRunner runner, string? sourceEniId, string? fileName)
    {
        var request = context.Request;
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type);
        if (type is not null && CaptureTypes.Contains(type.MediaType.Value ?? ""))
        {
            // The body is the capture: the run reads Kestrel's body pipe itself (the fastest way in, as curl --data-binary sends it).
            return await runner.ReplayAsync(context.ApiActor(), request.BodyReader, fileName ?? "capture", sourceEniId, request.ContentLength, context.RequestAborted);
        }
        if (type is null || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return OperationResult<RunSnapshot>.Invalid(new FieldErrors().Add("capture",
                "Send the capture as the body (Content-Type: application/vnd.tcpdump.pcap, ?sourceEniId=) or as multipart/form-data: " +
                "a part sourceEniId, then a part capture with the pcap or pcapng file."));
        }
        // A large buffer: the boundary scan and the copy into the replay's pipe then work in big pieces, not 16 KB ones.
        var reader = new MultipartReader(boundary, request.Body, BufferBytes);
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (string.Equals(name, "sourceEniId", StringComparison.Ordinal))
                {
                    sourceEniId = await FieldAsync(section, context.RequestAborted);
                }
                else if (string.Equals(name, "capture", StringComparison.Ordinal))
                {
                    if (sourceEniId is null)
                    {
                        return OperationResult<RunSnapshot>.Invalid(new FieldErrors().Add("sourceEniId",
                            "Name the ENI before the capture (a sourceEniId part first, or ?sourceEniId=), so that the capture is judged as it arrives."));
                    }
                    var partName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return await runner.ReplayAsync(context.ApiActor(), section.Body, partName ?? fileName, sourceEniId, request.ContentLength, context.RequestAborted);
                }
            }
        }
        catch (InvalidDataException exception)
        {
            // The multipart framing itself is broken (no boundary, headers too long).
            return OperationResult<RunSnapshot>.Invalid(new FieldErrors().Add("capture", exception.Message));
        }
        return OperationResult<RunSnapshot>.Invalid(new FieldErrors().Add("capture", "The form has no capture part (a pcap or pcapng file)."));
    }

    private static async Task<string> FieldAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read > MaxFieldBytes)
        {
            throw new InvalidDataException($"sourceEniId is longer than {MaxFieldBytes} bytes.");
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read).Trim();
    }
}
