using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using IntegrationHub.Contracts;
using IntegrationHub.Pipeline.Transport;

namespace IntegrationHub.Pipeline.Sources;

/// <summary>
/// Gives a source its own RabbitMQ user through the management API, with the least it needs: write to
/// the fragments exchange, read its own reply queue, configure nothing. Its reply queue is declared
/// here so the source can listen before the first receipt is sent.
/// </summary>
public sealed class RabbitMqProvisioner(HttpClient http, BusOptions bus)
{
    /// <summary>The permission patterns for a source; deploy/rabbitmq/definitions.json follows the same shape.</summary>
    public static (string Configure, string Write, string Read) SourcePermissions(string sourceId) =>
        ("^$", "^" + Escape(Topology.FragmentsExchange) + "$", "^" + Escape(Topology.ReplyQueue(sourceId)) + "$");

    public async Task ProvisionSourceAsync(string sourceId, string password, CancellationToken cancellationToken = default)
    {
        var vhost = Uri.EscapeDataString(bus.VirtualHost);
        await PutAsync($"api/users/{Uri.EscapeDataString(sourceId)}", new { password, tags = "" }, cancellationToken);
        var (configure, write, read) = SourcePermissions(sourceId);
        await PutAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(sourceId)}", new { configure, write, read }, cancellationToken);
        await PutAsync($"api/queues/{vhost}/{Uri.EscapeDataString(Topology.ReplyQueue(sourceId))}", new { durable = true, auto_delete = false }, cancellationToken);
    }

    public Task CreateVirtualHostAsync(CancellationToken cancellationToken = default) =>
        PutAsync($"api/vhosts/{Uri.EscapeDataString(bus.VirtualHost)}", new { }, cancellationToken);

    public async Task DeleteVirtualHostAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, $"api/vhosts/{Uri.EscapeDataString(bus.VirtualHost)}");
        using var response = await http.SendAsync(request, cancellationToken);
    }

    public async Task DeleteUserAsync(string user, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, $"api/users/{Uri.EscapeDataString(user)}");
        using var response = await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Gives the hub's own user full rights on the virtual host (a new vhost starts with none).</summary>
    public Task GrantHubAsync(CancellationToken cancellationToken = default) =>
        PutAsync($"api/permissions/{Uri.EscapeDataString(bus.VirtualHost)}/{Uri.EscapeDataString(bus.Username)}", new { configure = ".*", write = ".*", read = ".*" }, cancellationToken);

    private async Task PutAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, path);
        request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"RabbitMQ management API refused PUT {path}: {(int)response.StatusCode} {detail}");
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(bus.ManagementUrl.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{bus.Username}:{bus.Password}")));
        return request;
    }

    private static string Escape(string name) => name.Replace(".", "\\.", StringComparison.Ordinal);
}
