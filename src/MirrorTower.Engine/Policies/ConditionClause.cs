namespace MirrorTower.Engine.Policies;

/// <summary>One operator applied to one key with its values, compiled once.</summary>
public sealed class ConditionClause
{
    private readonly Func<string, bool> _matchesAnyValue;
    private readonly int _keyId;

    public ConditionClause(string operatorText, ConditionOperator op, SetQualifier set, bool ifExists, string key, IReadOnlyList<string> values)
    {
        OperatorText = operatorText;
        Operator = op;
        Set = set;
        IfExists = ifExists;
        Key = key;
        Values = values;
        Negated = ConditionOperators.IsNegated(op);
        _keyId = ConditionKeys.IdOf(key);
        _matchesAnyValue = CompileMatcher(op, values);
    }

    public string OperatorText { get; }
    public ConditionOperator Operator { get; }
    public SetQualifier Set { get; }
    public bool IfExists { get; }
    public string Key { get; }
    public IReadOnlyList<string> Values { get; }
    public bool Negated { get; }

    /// <summary>
    /// Whether the clause holds. Absent key: <c>IfExists</c> and <c>ForAllValues</c> hold, <c>ForAnyValue</c>
    /// does not, a negated operator holds and a positive one does not. Present key: the values of one key are
    /// ORed; a negated operator holds when no request value matches any of them.
    /// </summary>
    public bool Holds(AuthorizationRequest request)
    {
        var present = request.TryGetValues(_keyId, out var requestValues) && requestValues.Length > 0;
        if (Operator == ConditionOperator.Null)
        {
            return HoldsForNull(present);
        }
        if (!present)
        {
            return IfExists || Set switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => false,
                _ => Negated,
            };
        }

        switch (Set)
        {
            case SetQualifier.ForAllValues:
                foreach (var value in requestValues)
                {
                    if (_matchesAnyValue(value) == Negated)
                    {
                        return false;
                    }
                }
                return true;
            case SetQualifier.ForAnyValue:
                foreach (var value in requestValues)
                {
                    if (_matchesAnyValue(value) != Negated)
                    {
                        return true;
                    }
                }
                return false;
            default:
                var anyMatch = false;
                foreach (var value in requestValues)
                {
                    anyMatch |= _matchesAnyValue(value);
                }
                return anyMatch != Negated;
        }
    }

    public override string ToString() => $"{OperatorText} {{ {Key}: [{string.Join(", ", Values)}] }}";

    private bool HoldsForNull(bool present)
    {
        foreach (var value in Values)
        {
            if ((IsTrue(value) && !present) || (IsFalse(value) && present))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsTrue(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string value) => value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static Func<string, bool> CompileMatcher(ConditionOperator op, IReadOnlyList<string> values)
    {
        switch (op)
        {
            case ConditionOperator.StringEquals or ConditionOperator.StringNotEquals:
                var exact = values.ToArray();
                return v => Array.IndexOf(exact, v) >= 0;
            case ConditionOperator.StringEqualsIgnoreCase or ConditionOperator.StringNotEqualsIgnoreCase:
                var folded = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
                return folded.Contains;
            case ConditionOperator.StringLike or ConditionOperator.StringNotLike:
                var globs = values.Select(v => new Wildcard(v, ignoreCase: false)).ToArray();
                return v => AnyMatch(globs, v);
            case ConditionOperator.ArnEquals or ConditionOperator.ArnLike or ConditionOperator.ArnNotEquals or ConditionOperator.ArnNotLike:
                var arns = values.Select(v => new ArnPattern(v)).ToArray();
                return v =>
                {
                    foreach (var arn in arns)
                    {
                        if (arn.IsMatch(v))
                        {
                            return true;
                        }
                    }
                    return false;
                };
            case ConditionOperator.Bool:
                return new HashSet<string>(values, StringComparer.OrdinalIgnoreCase).Contains;
            case >= ConditionOperator.NumericEquals and <= ConditionOperator.NumericGreaterThanEquals:
                {
                    var numbers = values.Select(v => ConditionValues.TryNumber(v, out var n) ? n : (decimal?)null).OfType<decimal>().ToArray();
                    var compare = Comparison(op);
                    return v => ConditionValues.TryNumber(v, out var n) && numbers.Any(policy => compare(n.CompareTo(policy)));
                }
            case >= ConditionOperator.DateEquals and <= ConditionOperator.DateGreaterThanEquals:
                {
                    var dates = values.Select(v => ConditionValues.TryDate(v, out var d) ? d : (DateTimeOffset?)null).OfType<DateTimeOffset>().ToArray();
                    var compare = Comparison(op);
                    return v => ConditionValues.TryDate(v, out var d) && dates.Any(policy => compare(d.CompareTo(policy)));
                }
            case ConditionOperator.BinaryEquals:
                {
                    var binaries = values.Select(v => ConditionValues.TryBinary(v, out var b) ? b : null).OfType<byte[]>().ToArray();
                    return v => ConditionValues.TryBinary(v, out var b) && binaries.Any(policy => policy.AsSpan().SequenceEqual(b));
                }
            case ConditionOperator.IpAddress or ConditionOperator.NotIpAddress:
                {
                    var networks = values.Select(v => ConditionValues.TryNetwork(v, out var n) ? n : (System.Net.IPNetwork?)null).OfType<System.Net.IPNetwork>().ToArray();
                    return v => System.Net.IPAddress.TryParse(v, out var address) && networks.Any(n => n.Contains(address));
                }
            default:
                return _ => false;
        }
    }

    /// <summary>
    /// How a request value must compare to a policy value: equal for the Equals and NotEquals operators (the negation is
    /// the clause's), less or greater for the others.
    /// </summary>
    private static Func<int, bool> Comparison(ConditionOperator op) => op switch
    {
        ConditionOperator.NumericLessThan or ConditionOperator.DateLessThan => c => c < 0,
        ConditionOperator.NumericLessThanEquals or ConditionOperator.DateLessThanEquals => c => c <= 0,
        ConditionOperator.NumericGreaterThan or ConditionOperator.DateGreaterThan => c => c > 0,
        ConditionOperator.NumericGreaterThanEquals or ConditionOperator.DateGreaterThanEquals => c => c >= 0,
        _ => c => c == 0,
    };

    private static bool AnyMatch(Wildcard[] patterns, string value)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(value))
            {
                return true;
            }
        }
        return false;
    }
}
