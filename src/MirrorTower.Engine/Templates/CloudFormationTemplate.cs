using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MirrorTower.Engine.Templates;

/// <summary>One resource of a template: its logical id, its type and its Properties.</summary>
public sealed record TemplateResource(string LogicalId, string Type, JsonObject Properties);

/// <summary>A template read, or the problems that keep it from being read, each naming where.</summary>
public sealed record TemplateParseResult(IReadOnlyList<TemplateResource> Resources, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a CloudFormation template written in JSON or YAML (the template anatomy of the CloudFormation user guide):
/// its Resources with their Type and Properties. YAML's short forms of the intrinsic functions (<c>!Ref</c>, <c>!Sub</c>,
/// <c>!GetAtt a.b</c>, …) become their JSON forms, so a check sees the same template whichever way it was written.
/// Limits as CloudFormation's: a template body of at most 51,200 bytes and 500 resources.
/// </summary>
public static class CloudFormationTemplate
{
    public const int MaxBytes = 51_200;
    public const int MaxResources = 500;

    public static TemplateParseResult Parse(string? text)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new([], [("template", "The template is required (JSON or YAML).")]);
        }
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return new([], [("template", $"The template has {System.Text.Encoding.UTF8.GetByteCount(text)} bytes; CloudFormation takes at most {MaxBytes}.")]);
        }
        JsonNode? root;
        try
        {
            root = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : FromYaml(text);
        }
        catch (Exception e) when (e is JsonException or YamlException or ArgumentException or InvalidCastException)
        {
            return new([], [("template", $"The template is neither valid JSON nor valid YAML: {e.Message.Split(" Path:")[0]}")]);
        }
        if (root is not JsonObject template || template["Resources"] is not JsonObject resources || resources.Count == 0)
        {
            return new([], [("template.Resources", "A template has a Resources section with at least one resource.")]);
        }
        if (resources.Count > MaxResources)
        {
            return new([], [("template.Resources", $"The template has {resources.Count} resources; CloudFormation takes at most {MaxResources}.")]);
        }
        var read = new List<TemplateResource>();
        foreach (var (logicalId, node) in resources)
        {
            var field = $"template.Resources.{logicalId}";
            if (!logicalId.All(char.IsAsciiLetterOrDigit) || logicalId.Length > 255)
            {
                errors.Add((field, "A logical id is alphanumeric (A-Za-z0-9), at most 255 characters."));
            }
            if (node is not JsonObject resource || resource["Type"] is not JsonValue typeValue || typeValue.GetValueKind() != JsonValueKind.String
                || typeValue.GetValue<string>().Split("::") is not ["AWS", { Length: > 0 }, { Length: > 0 }])
            {
                errors.Add(($"{field}.Type", "Each resource has a Type such as AWS::S3::Bucket."));
                continue;
            }
            var properties = resource["Properties"];
            if (properties is not null and not JsonObject)
            {
                errors.Add(($"{field}.Properties", "Properties is an object."));
                continue;
            }
            read.Add(new TemplateResource(logicalId, typeValue.GetValue<string>(), (JsonObject?)properties?.DeepClone() ?? []));
        }
        return new(read, errors);
    }

    private static JsonNode? FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var converted = node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Convert(c.Value)))),
            YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value.TrimStart('!');
        return tag switch
        {
            null or "" or "tag:yaml.org,2002:str" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:bool" => converted,
            "Ref" or "Condition" => new JsonObject { [tag] = converted },
            // !GetAtt Resource.Attribute is Fn::GetAtt: [Resource, Attribute].
            "GetAtt" when converted is JsonValue value && value.GetValueKind() == JsonValueKind.String =>
                new JsonObject { ["Fn::GetAtt"] = new JsonArray(value.GetValue<string>().Split('.', 2).Select(p => (JsonNode?)p).ToArray()) },
            _ => new JsonObject { ["Fn::" + tag] = converted },
        };
    }

    /// <summary>A plain YAML scalar as YAML 1.2's core schema reads it: true/false, numbers, null, else a string.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }
        return value switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && value.Any(char.IsDigit) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
