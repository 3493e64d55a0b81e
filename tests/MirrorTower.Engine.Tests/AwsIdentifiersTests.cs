using MirrorTower.Engine;

namespace MirrorTower.Engine.Tests;

public sealed class AwsIdentifiersTests
{
    [Fact]
    public void GeneratedIdentifiersHaveAwsShapes()
    {
        var ids = new AwsIdentifiers(new Random(7));

        var root = ids.RootId();
        var ou = ids.OrganizationalUnitId(root);

        Assert.Matches("^[0-9]{12}$", ids.AccountId());
        Assert.Matches("^r-[0-9a-z]{4}$", root);
        Assert.Matches($"^ou-{root[2..]}-[0-9a-z]{{8}}$", ou);
        Assert.Matches("^tmf-[0-9a-f]{17}$", ids.ResourceId("tmf"));
    }

    [Fact]
    public void SameSeedGivesSameIdentifiers()
    {
        var first = new AwsIdentifiers(new Random(42));
        var second = new AwsIdentifiers(new Random(42));

        Assert.Equal(first.AccountId(), second.AccountId());
        Assert.Equal(first.ResourceId("tms"), second.ResourceId("tms"));
    }

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("012345678901", true)]
    [InlineData("12345678901", false)]
    [InlineData("1234567890123", false)]
    [InlineData("12345678901a", false)]
    [InlineData(null, false)]
    public void RecognisesAccountIds(string? value, bool expected) =>
        Assert.Equal(expected, AwsIdentifiers.IsAccountId(value));

    [Theory]
    [InlineData("ou-ab12-cd34ef56", true)]
    [InlineData("ou-AB12-cd34ef56", false)]
    [InlineData("ou-ab12cd34ef56", false)]
    [InlineData("ou-ab1-cd34ef567", false)]
    [InlineData("r-ab12", false)]
    public void RecognisesOrganizationalUnitIds(string value, bool expected) =>
        Assert.Equal(expected, AwsIdentifiers.IsOrganizationalUnitId(value));

    [Theory]
    [InlineData("tmf-0293f26e86a1b2c3d", "tmf", true)]
    [InlineData("tmf-0293f26e86a1b2c3", "tmf", false)]
    [InlineData("tmf-0293f26e86a1b2c3g", "tmf", false)]
    [InlineData("tms-0293f26e86a1b2c3d", "tmf", false)]
    public void RecognisesResourceIds(string value, string prefix, bool expected) =>
        Assert.Equal(expected, AwsIdentifiers.IsResourceId(value, prefix));

    [Fact]
    public void RefusesAnOuUnderSomethingThatIsNotARoot()
    {
        var ids = new AwsIdentifiers(new Random(1));

        var error = Assert.Throws<ArgumentException>(() => ids.OrganizationalUnitId("root"));

        Assert.Contains("not a root id", error.Message);
    }
}
