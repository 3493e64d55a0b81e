namespace MirrorTower.Engine.Compliance;

/// <summary>One rule's verdict on one item of an evaluation, by position.</summary>
public readonly record struct Evaluation(int Item, DetectiveRule Rule, RuleResult Result);

/// <summary>
/// Evaluates configuration items against the rules enabled for each, skipping rules of other resource types,
/// so a full pass costs one rule call per applicable pair.
/// </summary>
public static class ComplianceEvaluator
{
    /// <param name="rulesFor">The rules in effect for the item at an index (the detective controls of its account).</param>
    public static List<Evaluation> Evaluate(IReadOnlyList<ConfigurationItem> items, Func<int, IReadOnlyList<DetectiveRule>> rulesFor)
    {
        var results = new List<Evaluation>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            foreach (var rule in rulesFor(i))
            {
                if (rule.ResourceType != item.ResourceType)
                {
                    continue;
                }
                var result = rule.Evaluate(item);
                if (result.Compliance != ComplianceType.NOT_APPLICABLE)
                {
                    results.Add(new Evaluation(i, rule, result));
                }
            }
        }
        return results;
    }
}
