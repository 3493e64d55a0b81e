using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MirrorTower.Portal.Data;

/// <summary>
/// Data-protection keys moved from <c>data/keys</c> into the database: a portal that ran before keeps them, so its
/// users stay signed in and its stored access-key secrets still decrypt. Runs once, while the database holds no key.
/// </summary>
public static class LegacyKeyImport
{
    public static async Task ImportAsync(PortalDbContext db, string keysDirectory)
    {
        if (!Directory.Exists(keysDirectory) || await db.DataProtectionKeys.AnyAsync())
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(keysDirectory, "*.xml"))
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = await File.ReadAllTextAsync(file) });
        }
        await db.SaveChangesAsync();
    }
}
