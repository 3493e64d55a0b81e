using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MirrorTower.Engine.Controls;

/// <summary>
/// What a proactive control requires of a CloudFormation resource's <c>Properties</c>, written in the catalog as
/// alternatives (<c>||</c>) of clauses that must all hold (<c>&amp;&amp;</c>). A clause is <c>Path op value</c>:
/// <list type="bullet">
/// <item>a path names properties with dots; <c>List[*]</c> means every element of a list (an absent list has none),
/// <c>List[Key=value]</c> the elements whose <c>Key</c> is <c>value</c>, of which there must be at least one;</item>
/// <item>ops: <c>==</c>, <c>!=</c>, <c>&gt;=</c>, <c>&lt;=</c>, <c>in [a, b]</c>, <c>notin [a, b]</c>, <c>exists</c>,
/// <c>absent</c>. Values compare as CloudFormation reads them: <c>true</c> and <c>"true"</c> are the same, so are
/// <c>1</c> and <c>"1"</c>; strings compare exactly.</item>
/// </list>
/// As with CloudFormation Guard, a value given by an intrinsic function (<c>Ref</c>, <c>Fn::GetAtt</c>) exists but equals
/// no literal: it cannot be known before the stack is made.
/// </summary>
public sealed class PropertyRequirement
{
    private readonly IReadOnlyList<IReadOnlyList<Clause>> _alternatives;

    private PropertyRequirement(string text, IReadOnlyList<IReadOnlyList<Clause>> alternatives)
    {
        Text = text;
        _alternatives = alternatives;
    }

    public string Text { get; }

    public static PropertyRequirement Parse(string text) => new(text, text
        .Split(" || ", StringSplitOptions.TrimEntries)
        .Select(alternative => (IReadOnlyList<Clause>)alternative.Split(" && ", StringSplitOptions.TrimEntries).Select(Clause.Parse).ToList())
        .ToList());

    /// <summary>Null when the properties meet the requirement, else the first clause of each alternative that fails, in words.</summary>
    public string? Check(JsonObject? properties)
    {
        var failures = new List<string>();
        foreach (var clauses in _alternatives)
        {
            var failed = clauses.FirstOrDefault(c => !c.Holds(properties));
            if (failed is null)
            {
                return null;
            }
            failures.Add(failed.Describe());
        }
        return string.Join(" or ", failures);
    }

    private sealed record Clause(string Path, string Op, IReadOnlyList<string> Values)
    {
        private static readonly string[] Ops = [" notin ", " in ", " == ", " != ", " >= ", " <= ", " exists", " absent"];

        public static Clause Parse(string text)
        {
            foreach (var op in Ops)
            {
                var at = text.IndexOf(op, StringComparison.Ordinal);
                if (at <= 0)
                {
                    continue;
                }
                var value = text[(at + op.Length)..].Trim();
                IReadOnlyList<string> values = op.Trim() switch
                {
                    "in" or "notin" => value.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Unquote).ToList(),
                    "exists" or "absent" => [],
                    _ => [Unquote(value)],
                };
                return new Clause(text[..at].Trim(), op.Trim(), values);
            }
            throw new FormatException($"'{text}' is not a clause: write Path == value, Path in [a, b], Path exists, ...");
        }

        public bool Holds(JsonObject? properties)
        {
            var (nodes, anyFilterEmpty) = Resolve(properties, Path);
            return Op switch
            {
                "exists" => !anyFilterEmpty && nodes.Count > 0 && nodes.All(n => n is not null),
                "absent" => nodes.All(n => n is null),
                // A list filter that selects nothing fails every comparison: the element the control asks for is not there.
                _ when anyFilterEmpty || nodes.Count == 0 => Op is "!=" or "notin",
                "!=" => nodes.All(n => n is null || !Equal(n, Values[0])),
                "notin" => nodes.All(n => n is null || Values.All(v => !Equal(n, v))),
                "==" => nodes.All(n => n is not null && Equal(n, Values[0])),
                "in" => nodes.All(n => n is not null && Values.Any(v => Equal(n, v))),
                ">=" => nodes.All(n => Number(n) is { } x && x >= double.Parse(Values[0], CultureInfo.InvariantCulture)),
                _ => nodes.All(n => Number(n) is { } x && x <= double.Parse(Values[0], CultureInfo.InvariantCulture)),
            };
        }

        public string Describe() => Op switch
        {
            "exists" => $"{Path} is not set",
            "absent" => $"{Path} is set",
            "in" => $"{Path} is not one of {string.Join(", ", Values)}",
            "notin" => $"{Path} is one of {string.Join(", ", Values)}",
            "==" => $"{Path} is not {Values[0]}",
            "!=" => $"{Path} is {Values[0]}",
            ">=" => $"{Path} is not at least {Values[0]}",
            _ => $"{Path} is more than {Values[0]}",
        };

        /// <summary>The path's segments: split at dots outside brackets, so that [Key=access_logs.s3.enabled] stays whole.</summary>
        private static IEnumerable<string> Segments(string path)
        {
            var start = 0;
            var depth = 0;
            for (var i = 0; i < path.Length; i++)
            {
                depth += path[i] switch { '[' => 1, ']' => -1, _ => 0 };
                if (path[i] == '.' && depth == 0)
                {
                    yield return path[start..i];
                    start = i + 1;
                }
            }
            yield return path[start..];
        }

        private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

        /// <summary>The nodes a path reaches (null where a property is missing) and whether a [Key=value] filter selected nothing.</summary>
        private static (List<JsonNode?> Nodes, bool AnyFilterEmpty) Resolve(JsonObject? properties, string path)
        {
            List<JsonNode?> current = [properties];
            var filterEmpty = false;
            foreach (var segment in Segments(path))
            {
                var bracket = segment.IndexOf('[');
                var name = bracket < 0 ? segment : segment[..bracket];
                var next = current.Select(n => (n as JsonObject)?[name]).ToList();
                if (bracket >= 0)
                {
                    var selector = segment[(bracket + 1)..^1];
                    var elements = next.SelectMany(n => n is JsonArray array ? array : []).ToList();
                    if (selector == "*")
                    {
                        next = elements;
                    }
                    else
                    {
                        var (key, value) = (selector.Split('=', 2)[0], Unquote(selector.Split('=', 2)[1]));
                        next = elements.Where(e => (e as JsonObject)?[key] is { } k && Equal(k, value)).ToList();
                        filterEmpty |= next.Count == 0;
                    }
                }
                current = next;
            }
            return (current, filterEmpty);
        }

        private static bool Equal(JsonNode node, string literal) => node is JsonValue value && value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>() is var s && (s == literal || (IsBoolean(literal) && string.Equals(s, literal, StringComparison.OrdinalIgnoreCase))),
            JsonValueKind.True => string.Equals(literal, "true", StringComparison.OrdinalIgnoreCase),
            JsonValueKind.False => string.Equals(literal, "false", StringComparison.OrdinalIgnoreCase),
            JsonValueKind.Number => double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && value.GetValue<double>() == number,
            _ => false,
        };

        private static bool IsBoolean(string literal) => literal is "true" or "false";

        /// <summary>A number, or a string CloudFormation reads as one ("1"); null otherwise.</summary>
        private static double? Number(JsonNode? node) => node is not JsonValue value ? null : value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<double>(),
            JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}
