using MassTransit;

namespace IntegrationHub.Pipeline.Transport;

/// <summary>Who published a delivery, as the transport guarantees it; never read from the body.</summary>
public interface IPublisherIdentity
{
    string? AuthenticatedUser(ConsumeContext context);
}

/// <summary>
/// RabbitMQ checks the AMQP user_id property against the connection's authenticated user and refuses
/// a publish where they differ, so user_id is trustworthy. A message without one cannot be attributed.
/// </summary>
public sealed class RabbitMqUserId : IPublisherIdentity
{
    public string? AuthenticatedUser(ConsumeContext context) =>
        context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var amqp) ? amqp.Properties.UserId : null;
}

/// <summary>
/// The in-memory transport (embedded mode) has no connections and no users: only code inside the
/// hub's own process can publish, and it names the source in a header. Never used with a broker.
/// </summary>
public sealed class InProcessPublisher : IPublisherIdentity
{
    public const string Header = "hub-publisher";

    public string? AuthenticatedUser(ConsumeContext context) => context.Headers.Get<string>(Header);
}
