using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Pipeline.Transport;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// Queue depth and consumers from the RabbitMQ management API (the same URL and user the hub provisions
/// sources with, section Bus). A page never fails because the broker's API does not answer: it says so.
/// </summary>
public sealed class BrokerStatus(HttpClient http, BusOptions bus)
{
    public async Task<IReadOnlyDictionary<string, QueueInfo>> QueuesAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        if (bus.Transport != BusTransport.RabbitMq)
        {
            return wanted.ToDictionary(n => n, n => new QueueInfo(n, null, null, "in-memory bus: no broker queues"));
        }

        try
        {
            // One call for the virtual host's queues (only the fields shown), rather than one per source.
            var path = $"api/queues/{Uri.EscapeDataString(bus.VirtualHost)}?columns=name,messages,consumers";
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(bus.ManagementUrl.TrimEnd('/') + "/"), path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{bus.Username}:{bus.Password}")));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Unknown(wanted, $"management API answered {(int)response.StatusCode}");
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            var found = new Dictionary<string, QueueInfo>(StringComparer.Ordinal);
            foreach (var queue in json.RootElement.EnumerateArray())
            {
                var name = queue.GetProperty("name").GetString()!;
                // A queue that has just been declared may not have its message count yet.
                long? messages = queue.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : null;
                int? consumers = queue.TryGetProperty("consumers", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
                found[name] = new QueueInfo(name, messages, consumers, null);
            }

            return wanted.ToDictionary(n => n, n => found.TryGetValue(n, out var q) ? q : new QueueInfo(n, null, null, "no reply queue"));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            return Unknown(wanted, "management API not reachable");
        }
    }

    public static string IntakeQueue => Topology.IntakeQueue;

    private static Dictionary<string, QueueInfo> Unknown(List<string> names, string why) =>
        names.ToDictionary(n => n, n => new QueueInfo(n, null, null, why));
}
