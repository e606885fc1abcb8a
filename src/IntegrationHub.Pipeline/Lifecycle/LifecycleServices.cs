using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Pipeline.Lifecycle;

public static class LifecycleServices
{
    /// <summary>The lifecycle facts read at intake, and the archive, purge, restore and new-identity commands.</summary>
    public static IServiceCollection AddHubLifecycle(this IServiceCollection services)
    {
        services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.Section);
        services.AddSingleton<LifecycleIntake>();
        services.AddSingleton<LifecycleService>();
        services.AddSingleton<InvolvementRetentionService>();
        return services;
    }
}
