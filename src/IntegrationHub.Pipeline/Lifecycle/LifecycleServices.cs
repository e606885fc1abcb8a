using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Pipeline.Lifecycle;

public static class LifecycleServices
{
    /// <summary>The lifecycle facts read at intake, the archive, purge, restore and new-identity commands, and the authority compartments.</summary>
    public static IServiceCollection AddHubLifecycle(this IServiceCollection services)
    {
        services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.Section);
        services.AddOptions<CompartmentOptions>().BindConfiguration(CompartmentOptions.Section);
        services.AddSingleton<CompartmentService>();
        services.AddSingleton<LifecycleIntake>();
        services.AddSingleton<LifecycleService>();
        services.AddSingleton<InvolvementRetentionService>();
        return services;
    }
}
