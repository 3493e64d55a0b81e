using System.Text.Json;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Workbench;

public sealed record SuiteRun(string SuiteId, string Suite, int Passed, int Failed, IReadOnlyList<CaseResult> Results);

/// <summary>Runs suites against an organization, the real one or a proposed one, without touching the database.</summary>
public static class SuiteRunner
{
    public static SuiteRun Run(PolicyTestSuite suite, OrganizationSnapshot org)
    {
        var results = new List<CaseResult>();
        foreach (var testCase in suite.Cases)
        {
            foreach (var account in AccountsOf(suite, testCase, org))
            {
                var request = Request(testCase, account.Id);
                var decision = request is null
                    ? null
                    : org.Explain(request, account);
                var actual = decision?.Decision ?? Decision.ImplicitDeny;
                results.Add(new CaseResult(suite.Name, testCase.Name, account.Id, testCase.Expected, actual,
                    decision is not null && Meets(testCase.Expected, actual), decision?.Summary ?? "The case's request is not valid."));
            }
        }
        return new SuiteRun(suite.Id, suite.Name, results.Count(r => r.Passed), results.Count(r => !r.Passed), results);
    }

    public static bool Meets(ExpectedDecision expected, Decision actual) => expected switch
    {
        ExpectedDecision.Allowed => actual == Decision.Allowed,
        ExpectedDecision.Denied => actual != Decision.Allowed,
        ExpectedDecision.ExplicitDeny => actual == Decision.ExplicitDeny,
        _ => actual == Decision.ImplicitDeny,
    };

    private static IEnumerable<Account> AccountsOf(PolicyTestSuite suite, PolicyTestCase testCase, OrganizationSnapshot org)
    {
        if (testCase.AccountId is not null)
        {
            return org.Account(testCase.AccountId) is { } account ? [account] : [];
        }
        return suite.ScopeOuId is null
            ? org.Accounts.Where(a => a.Kind != AccountKind.Management)
            : org.AccountsUnder(suite.ScopeOuId);
    }

    private static AuthorizationRequest? Request(PolicyTestCase testCase, string accountId)
    {
        using var document = JsonDocument.Parse(testCase.RequestJson.Replace("{account}", accountId, StringComparison.Ordinal));
        return CustomSimulation.ReadRequest(document.RootElement, "request", new FieldErrors())?.ToAuthorization();
    }
}
