using IntegrationHub.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace IntegrationHub.Host.Scheduling;

/// <summary>
/// Quartz in the host (ADR 0007): the in-memory store with SQLite (one process), the persistent ADO.NET store,
/// clustered, with PostgreSQL and SQL Server (several hub instances run each job once). Quartz's own tables are
/// created by Quartz's schema provisioning from its own scripts when missing. All time comes from the one
/// <see cref="TimeProvider"/> the host registers.
/// </summary>
public static class SchedulingServices
{
    public static IServiceCollection AddHubScheduling(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
        var zone = HubCalendar.FindZone(options.TimeZone);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HubCalendar(sp.GetRequiredService<TimeProvider>(), zone));
        services.AddSingleton<TimeBasedEndsRunner>();
        services.TryAddSingleton<IChildLifecycleStore, ChildLifecycleStore>();
        services.AddSingleton<DuplicateDetectionRunner>();
        services.AddSingleton<InvolvementRetentionRunner>();
        services.AddSingleton(sp => new ChildLifecycleRunner(sp.GetRequiredService<HubCalendar>(), sp.GetRequiredService<ILogger<ChildLifecycleRunner>>(), sp.GetService<IChildLifecycleStore>()));
        if (!options.Enabled)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "integrationhub";
                s.GenerateInstanceId = true;
                s.DefaultTimeZone = zone;
            });
            switch (database.Provider)
            {
                case DatabaseProvider.Postgres:
                    q.UsePersistentStore(store => Persistent(store.UsePostgres(database.ConnectionString)));
                    break;
                case DatabaseProvider.SqlServer:
                    q.UsePersistentStore(store => Persistent(store.UseSqlServer(database.ConnectionString)));
                    break;
                default:
                    // SQLite: one hub process; nothing to share, and a missed night is caught up by the run after start.
                    q.UseInMemoryStore(_ => { });
                    break;
            }

            Schedule<TimeBasedEndsJob>(q, TimeBasedEndsJob.Key, options.TimeBasedEndsCron, options, zone);
            Schedule<ChildLifecycleJob>(q, ChildLifecycleJob.Key, options.ChildLifecycleCron, options, zone);
            Schedule<InvolvementRetentionJob>(q, InvolvementRetentionJob.Key, options.InvolvementRetentionCron, options, zone);
            Schedule<DuplicateDetectionJob>(q, DuplicateDetectionJob.Key, options.DuplicateDetectionCron, options, zone);
        });

        // Each start re-registers the triggers; a replaced nightly trigger keeps its next fire time, so a night missed
        // while every instance was down is still a misfire (fired once at start). The run after start catches up
        // regardless, which is all the in-memory store has.
        services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);

        // Quartz takes the TimeProvider registered in the container (next fire times, misfires), so a substituted
        // clock moves the scheduler and the rules' "today" together.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void Persistent(IPersistentStoreBuilder store) =>
        store
            .ProvisionSchema()
            .ConfigureStore(o =>
            {
                o.StoreJobDataAsStrings = true;
                o.MisfireThreshold = TimeSpan.FromMinutes(1);
            })
            .UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(20));

    private static void Schedule<TJob>(IQuartzBuilder q, JobKey key, string cron, ScheduleOptions options, TimeZoneInfo zone)
        where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).DisallowConcurrentExecution().RequestRecovery().StoreDurably());
        q.AddTrigger(t => t
            .ForJob(key)
            .WithIdentity(key.Name + "-nightly", key.Group)
            // A night missed while every instance was down fires once at start, then the schedule goes on.
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        if (options.RunAfterStartSeconds > 0)
        {
            q.AddTrigger((services, t) => t
                .ForJob(key)
                .WithIdentity(key.Name + "-after-start", key.Group)
                .StartAt(services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(options.RunAfterStartSeconds))
                .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)));
        }
    }
}
