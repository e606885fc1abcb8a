using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts;

/// <summary>The JSON settings every hub message uses: camelCase names, enums as camelCase strings, nulls omitted.</summary>
public static class HubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The schemas already reject unknown members; this makes a .NET client fail the same way.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>An enum value as the messages spell it ("socialCare"), so stored values read like the contract.</summary>
    public static string WireName<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, Options).Trim('"');
}
