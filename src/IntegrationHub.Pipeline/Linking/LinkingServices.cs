using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Pipeline.Linking;

public static class LinkingServices
{
    /// <summary>The linking stage, its process-wide match index and the review resolutions.</summary>
    public static IServiceCollection AddHubLinking(this IServiceCollection services)
    {
        services.AddOptions<LinkingOptions>().BindConfiguration(LinkingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveMatchIndex>();
        services.AddSingleton<LinkingStage>();
        services.AddSingleton<ReviewService>();
        services.AddHostedService<MatchIndexWarmer>();
        Lifecycle.LifecycleServices.AddHubLifecycle(services);
        return services;
    }
}
