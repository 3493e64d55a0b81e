namespace MirrorTower.Engine.Policies;

/// <summary>A parsed and compiled service control policy.</summary>
public sealed class ServiceControlPolicy(string name, IReadOnlyList<PolicyStatement> statements, int characters)
{
    public const int MaxCharacters = 5120;
    public const int MaxAttachedPerTarget = 5;

    public string Name { get; } = name;
    public IReadOnlyList<PolicyStatement> Statements { get; } = statements;

    /// <summary>The size of the document as stored, the figure AWS checks against 5,120.</summary>
    public int Characters { get; } = characters;
}

/// <summary>The SCPs attached at one level of the organization: the root, an OU, or the account.</summary>
public sealed record PolicyLevel(string Name, IReadOnlyList<ServiceControlPolicy> Policies);

