using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Pipeline.Transport;

/// <summary>Section "Bus": which transport, and the broker to reach. InMemory needs nothing installed.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    [Required]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    /// <summary>The management HTTP API (used to provision source users and read queue depths).</summary>
    [Required]
    public string ManagementUrl { get; set; } = "http://localhost:15672";
}

public enum BusTransport
{
    InMemory,
    RabbitMq,
}
