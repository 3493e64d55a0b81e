namespace MirrorTower.Engine.Policies;

/// <summary>
/// The condition operators of IAM's condition operator reference (reference_policies_elements_condition_operators),
/// without the <c>IfExists</c> suffix and the set prefixes.
/// </summary>
public enum ConditionOperator
{
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Bool,
    Null,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
}

/// <summary><c>ForAnyValue:</c> and <c>ForAllValues:</c>, for keys with several values such as <c>aws:TagKeys</c>.</summary>
public enum SetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}

internal static class ConditionOperators
{
    public static bool IsNegated(ConditionOperator op) => op is ConditionOperator.StringNotEquals
        or ConditionOperator.StringNotEqualsIgnoreCase or ConditionOperator.StringNotLike
        or ConditionOperator.ArnNotEquals or ConditionOperator.ArnNotLike
        or ConditionOperator.NumericNotEquals or ConditionOperator.DateNotEquals or ConditionOperator.NotIpAddress;

    /// <summary>Parses e.g. <c>ForAnyValue:StringLikeIfExists</c>. Operator names are case-sensitive, as in AWS.</summary>
    public static bool TryParse(string text, out ConditionOperator op, out SetQualifier set, out bool ifExists)
    {
        set = SetQualifier.None;
        var name = text;
        foreach (var qualifier in new[] { SetQualifier.ForAnyValue, SetQualifier.ForAllValues })
        {
            var prefix = qualifier + ":";
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                set = qualifier;
                name = name[prefix.Length..];
            }
        }
        ifExists = name.EndsWith("IfExists", StringComparison.Ordinal) && name != "IfExists";
        if (ifExists)
        {
            name = name[..^"IfExists".Length];
        }
        return Enum.TryParse(name, ignoreCase: false, out op) && Enum.IsDefined(op) && !char.IsDigit(name[0])
            && !(ifExists && op == ConditionOperator.Null);
    }
}
