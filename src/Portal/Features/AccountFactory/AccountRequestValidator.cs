using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using MirrorTower.Engine;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>The parameters of a launch after validation: every value normalized, defaults filled in, and the warnings.</summary>
public sealed record ValidatedParameters(Dictionary<string, string> Values, string OuId, IReadOnlyList<string> Warnings);

/// <summary>
/// Validates Account Factory parameters up front, one message per field: the version's parameters, the reference's
/// rules (e-mail unique across the organization, a registered OU), the network settings, and the portfolio's TEMPLATE
/// constraints. The same checks run again at execution, where the organization may have changed.
/// </summary>
public static partial class AccountRequestValidator
{
    public static ValidatedParameters Validate(FieldErrors errors, IReadOnlyDictionary<string, string?> given, ProvisioningArtifact artifact,
        IEnumerable<ConstraintDetail> constraints, OrganizationSnapshot org, NetworkSnapshot network, ISet<string> reservedEmails, string? exceptAccountId = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = artifact.Parameters.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var key in given.Keys.Where(k => !known.ContainsKey(k)))
        {
            errors.Add(key, $"'{key}' is not a parameter of {artifact.Name}: use {string.Join(", ", known.Keys)}.");
        }
        foreach (var parameter in artifact.Parameters)
        {
            var value = given.FirstOrDefault(g => string.Equals(g.Key, parameter.Key, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (parameter.Required)
                {
                    errors.Add(parameter.Key, $"{parameter.Key} is required: {parameter.Description}");
                }
                // VpcRegions left out means the governed Regions; given empty, it means no VPC.
                var regionsLeftOut = parameter.Key == AccountParameters.VpcRegions && !given.Keys.Any(k => string.Equals(k, parameter.Key, StringComparison.OrdinalIgnoreCase));
                value = parameter.DefaultValue ?? (regionsLeftOut ? string.Join(",", org.Zone?.GovernedRegions ?? []) : "");
            }
            values[parameter.Key] = value;
        }

        var ouId = "";
        if (values.TryGetValue(AccountParameters.AccountEmail, out var email) && email.Length > 0)
        {
            if (!IsEmail(email) || email.Length > 64)
            {
                errors.Add(AccountParameters.AccountEmail, $"'{email}' is not an e-mail address of at most 64 characters.");
            }
            else if (org.Accounts.FirstOrDefault(a => a.Id != exceptAccountId && string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)) is { } owner)
            {
                errors.Add(AccountParameters.AccountEmail, $"{email} is already the e-mail of account {owner.Name} ({owner.Id}): an e-mail belongs to one account of the organization.");
            }
            else if (reservedEmails.Contains(email))
            {
                errors.Add(AccountParameters.AccountEmail, $"{email} is already requested by another launch in progress.");
            }
        }
        if (values.TryGetValue(AccountParameters.AccountName, out var name) && name.Length > 50)
        {
            errors.Add(AccountParameters.AccountName, "The account name is at most 50 characters.");
        }
        if (values.TryGetValue(AccountParameters.ManagedOrganizationalUnit, out var ouText) && ouText.Length > 0)
        {
            if (ResolveOu(org, ouText) is { } ou)
            {
                ouId = ou.Id;
                values[AccountParameters.ManagedOrganizationalUnit] = $"{ou.Name} ({ou.Id})";
            }
            else
            {
                errors.Add(AccountParameters.ManagedOrganizationalUnit, $"'{ouText}' is not a registered OU you can vend into: give its name, or 'Name (ou-xxxx-xxxxxxxx)' for a nested OU. The Security OU is Control Tower's own.");
            }
        }
        if (ouId.Length > 0 && artifact.Template is { } blueprint)
        {
            // The blueprint is deployed into the new account: the OU's proactive controls judge it now, not 20 minutes later.
            foreach (var refusal in Organization.Templates.Stacks.Refusals(org, ouId, blueprint))
            {
                errors.Add($"template.Resources.{refusal.LogicalId}", $"The blueprint of {artifact.Name}: {refusal.Describe()}");
            }
        }
        if (values.TryGetValue(AccountParameters.SsoUserEmail, out var ssoEmail) && ssoEmail.Length > 0 && !IsEmail(ssoEmail))
        {
            errors.Add(AccountParameters.SsoUserEmail, $"'{ssoEmail}' is not an e-mail address.");
        }
        foreach (var key in new[] { AccountParameters.SsoUserFirstName, AccountParameters.SsoUserLastName })
        {
            if (values.TryGetValue(key, out var text) && text.Length > 64)
            {
                errors.Add(key, $"{key} is at most 64 characters.");
            }
        }
        var warnings = Network(errors, values, org, network, exceptAccountId);
        Constraints(errors, values, constraints, org);
        return new ValidatedParameters(values, ouId, warnings);
    }

    /// <summary>An OU by id, by "Name (ou-…)", or by a name that only one live, registered OU has; never the Security OU.</summary>
    public static OrganizationalUnit? ResolveOu(OrganizationSnapshot org, string text)
    {
        var id = OuIdPattern().Match(text) is { Success: true } match ? match.Value : null;
        var candidates = org.LiveOus.Where(o => o.Id != org.Zone?.SecurityOuId && o.Registered).ToList();
        if (id is not null)
        {
            return candidates.FirstOrDefault(o => o.Id == id);
        }
        var named = candidates.Where(o => string.Equals(o.Name, text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static List<string> Network(FieldErrors errors, Dictionary<string, string> values, OrganizationSnapshot org, NetworkSnapshot network, string? exceptAccountId)
    {
        var warnings = new List<string>();
        if (values.TryGetValue(AccountParameters.VpcCidr, out var cidrText) && cidrText.Length > 0)
        {
            if (!Cidr.TryParse(cidrText, out var cidr) || cidr.IsV6 || cidr.PrefixLength is < 16 or > 28)
            {
                errors.Add(AccountParameters.VpcCidr, $"'{cidrText}' is not an IPv4 CIDR block from /16 to /28 such as 172.31.0.0/16.");
            }
            else
            {
                var overlapping = network.Vpcs.Values.Where(v => v.AccountId != exceptAccountId && Cidr.Parse(v.CidrBlock).Overlaps(cidr))
                    .Select(v => $"{org.Account(v.AccountId)?.Name ?? v.AccountId} ({v.Name}, {v.CidrBlock})").Distinct().ToList();
                if (overlapping.Count > 0)
                {
                    warnings.Add($"{cidrText} overlaps the VPCs of {string.Join(", ", overlapping.Take(5))}{(overlapping.Count > 5 ? $" and {overlapping.Count - 5} more" : "")}: they cannot be peered or routed to each other.");
                }
            }
        }
        if (values.TryGetValue(AccountParameters.VpcRegions, out var regions) && regions.Length > 0)
        {
            var governed = org.Zone?.GovernedRegions ?? [];
            foreach (var region in regions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(r => !governed.Contains(r)))
            {
                errors.Add(AccountParameters.VpcRegions, $"'{region}' is not a governed Region ({string.Join(", ", governed)}).");
            }
        }
        Range(errors, values, AccountParameters.AvailabilityZones, 1, 3);
        Range(errors, values, AccountParameters.PrivateSubnetsPerAz, 0, 2);
        if (values.TryGetValue(AccountParameters.InternetAccessibleSubnet, out var flag) && flag.Length > 0 && flag is not ("true" or "false"))
        {
            errors.Add(AccountParameters.InternetAccessibleSubnet, "InternetAccessibleSubnet is true or false.");
        }
        return warnings;
    }

    private static void Range(FieldErrors errors, Dictionary<string, string> values, string key, int min, int max)
    {
        if (values.TryGetValue(key, out var text) && text.Length > 0
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max))
        {
            errors.Add(key, $"{key} is a whole number from {min} to {max}.");
        }
    }

    /// <summary>TEMPLATE constraints: a parameter limited to listed values (an OU by name or id), or to a suffix such as an e-mail domain.</summary>
    private static void Constraints(FieldErrors errors, Dictionary<string, string> values, IEnumerable<ConstraintDetail> constraints, OrganizationSnapshot org)
    {
        foreach (var constraint in constraints.Where(c => c.Type == ConstraintTypes.Template && c.Parameter is not null))
        {
            if (!values.TryGetValue(constraint.Parameter!, out var value) || value.Length == 0)
            {
                continue;
            }
            if (constraint.AllowedValues.Count > 0 && !constraint.AllowedValues.Any(allowed => Matches(value, allowed, constraint.Parameter!, org)))
            {
                errors.Add(constraint.Parameter!, $"{constraint.Parameter} must be one of {string.Join(", ", constraint.AllowedValues)} (constraint: {constraint.Description}).");
            }
            if (constraint.RequiredSuffix is { Length: > 0 } suffix && !value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(constraint.Parameter!, $"{constraint.Parameter} must end with {suffix} (constraint: {constraint.Description}).");
            }
        }
    }

    private static bool Matches(string value, string allowed, string parameter, OrganizationSnapshot org) =>
        string.Equals(value, allowed, StringComparison.OrdinalIgnoreCase)
        || (parameter == AccountParameters.ManagedOrganizationalUnit && ResolveOu(org, value) is { } ou
            && (ou.Id == allowed || string.Equals(ou.Name, allowed, StringComparison.OrdinalIgnoreCase)));

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("ou-[a-z0-9]{4}-[a-z0-9]{8}")]
    private static partial Regex OuIdPattern();
}
