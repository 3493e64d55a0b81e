using Microsoft.Extensions.Options;

namespace MirrorTower.Portal.Common;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds a configuration section and checks its data annotations when the host starts, so that a wrong setting
    /// stops the portal with the key and the rule instead of surfacing at the first request that reads it.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class => services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
