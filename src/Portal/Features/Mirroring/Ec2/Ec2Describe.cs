using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>
/// The shared half of every Describe call: ids, named filters with EC2's <c>*</c> and <c>?</c> wildcards (values of one
/// filter are ORed, filters ANDed), and pages of at most MaxResults with an opaque NextToken.
/// </summary>
public static class Ec2Describe
{
    public static (IEnumerable<XElement> Page, string? NextToken) Run<T>(
        Ec2Parameters parameters, string idParameter, IEnumerable<T> items, Func<T, string> idOf,
        IReadOnlyDictionary<string, Func<T, IEnumerable<string?>>> filterFields, Func<T, XElement> serialize, int minResults = 5, int maxResults = 1000)
    {
        var ids = parameters.List(idParameter);
        var selected = items.Where(i => ids.Count == 0 || ids.Contains(idOf(i)));
        foreach (var filter in parameters.Filters())
        {
            if (!filterFields.TryGetValue(filter.Name, out var field))
            {
                throw new AwsError("InvalidParameterValue", $"The filter '{filter.Name}' is invalid; this call takes {string.Join(", ", filterFields.Keys)}.");
            }
            var patterns = filter.Values.Select(Wildcard).ToList();
            selected = selected.Where(i => field(i).Any(v => v is not null && patterns.Any(p => p.IsMatch(v))));
        }
        var all = selected.ToList();
        var missing = ids.Except(all.Select(idOf)).ToList();
        if (ids.Count > 0 && missing.Count > 0)
        {
            throw new AwsError(NotFoundCode(idParameter), $"The {idParameter} '{string.Join(", ", missing)}' does not exist.");
        }

        var max = parameters.Int("MaxResults");
        if (max is not null && (max < minResults || max > maxResults))
        {
            throw new AwsError("InvalidParameterValue", $"MaxResults must be between {minResults} and {maxResults}.");
        }
        var (page, next) = AwsPaging.Page(all, parameters.String("NextToken"), max ?? int.MaxValue, "InvalidNextToken");
        return (page.Select(serialize), max is null ? null : next);
    }

    private static string NotFoundCode(string idParameter) => idParameter switch
    {
        "TrafficMirrorFilterId" => "InvalidTrafficMirrorFilterNotFound",
        "TrafficMirrorTargetId" => "InvalidTrafficMirrorTargetNoFound",
        "TrafficMirrorSessionId" => "InvalidTrafficMirrorSessionNotFound",
        "VpcId" => "InvalidVpcID.NotFound",
        "SubnetId" => "InvalidSubnetID.NotFound",
        _ => "InvalidNetworkInterfaceID.NotFound",
    };

    private static Regex Wildcard(string value) =>
        new("^" + Regex.Escape(value).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
}
