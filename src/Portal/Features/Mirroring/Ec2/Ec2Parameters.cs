using System.Globalization;
using Microsoft.Extensions.Primitives;
using MirrorTower.Portal.Features.Mirroring;
using MirrorTower.Portal.Features.Mirroring.Model;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>An EC2 describe filter: <c>Filter.N.Name</c> and its <c>Filter.N.Value.M</c>.</summary>
public sealed record Ec2Filter(string Name, IReadOnlyList<string> Values);

/// <summary>
/// The flattened parameters of an EC2 Query request (<c>Name</c>, <c>List.N</c>, <c>Struct.Member</c>), read the way
/// the EC2 protocol writes them. A malformed number is an <see cref="AwsError"/> naming the parameter.
/// </summary>
public sealed class Ec2Parameters(IReadOnlyDictionary<string, StringValues> values)
{
    public string? String(string name) => values.TryGetValue(name, out var value) ? value.ToString() : null;

    public int? Int(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new AwsError("InvalidParameterValue", $"Value ({text}) for parameter {name} is invalid. Expected an integer.");
    }

    public bool Bool(string name) => string.Equals(String(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The values of <c>Prefix.1</c>, <c>Prefix.2</c>, … in order.</summary>
    public IReadOnlyList<string> List(string prefix)
    {
        var list = new List<string>();
        for (var i = 1; String($"{prefix}.{i}") is { } item; i++)
        {
            list.Add(item);
        }
        return list;
    }

    public IReadOnlyList<Ec2Filter> Filters()
    {
        var filters = new List<Ec2Filter>();
        for (var i = 1; String($"Filter.{i}.Name") is { } name; i++)
        {
            filters.Add(new Ec2Filter(name, List($"Filter.{i}.Value")));
        }
        return filters;
    }

    /// <summary>The tags of the first <c>TagSpecification</c> (EC2 allows one per resource type, and these calls create one type).</summary>
    public IReadOnlyList<ResourceTag> Tags()
    {
        var tags = new List<ResourceTag>();
        for (var i = 1; String($"TagSpecification.1.Tag.{i}.Key") is { } key; i++)
        {
            tags.Add(new ResourceTag(key, String($"TagSpecification.1.Tag.{i}.Value") ?? ""));
        }
        return tags;
    }

    public PortRangeInput? PortRange(string name) =>
        Int($"{name}.FromPort") is var from && Int($"{name}.ToPort") is var to && (from is not null || to is not null) ? new PortRangeInput(from, to) : null;

    public string Required(string name) =>
        String(name) is { Length: > 0 } value ? value : throw new AwsError("MissingParameter", $"The request must contain the parameter {name}.");
}
