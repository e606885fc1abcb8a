namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real broker and database are. The defaults match deploy/local/*.sh, which .ci/run uses;
/// HUB_TEST_* environment variables point elsewhere. Tests never skip when a server is missing: they fail.
/// </summary>
public static class TestServers
{
    public static string RabbitHost => Env("HUB_TEST_RABBITMQ_HOST", "localhost");

    public static int RabbitPort => int.Parse(Env("HUB_TEST_RABBITMQ_PORT", "5672"), System.Globalization.CultureInfo.InvariantCulture);

    public static string RabbitAdminUser => Env("HUB_TEST_RABBITMQ_USER", "guest");

    public static string RabbitAdminPassword => Env("HUB_TEST_RABBITMQ_PASSWORD", "guest");

    public static string RabbitManagementUrl => Env("HUB_TEST_RABBITMQ_MANAGEMENT", "http://localhost:15672");

    /// <summary>A server-level connection; each fixture creates and drops its own database on it.</summary>
    public static string Postgres => Env("HUB_TEST_POSTGRES", "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres");

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
