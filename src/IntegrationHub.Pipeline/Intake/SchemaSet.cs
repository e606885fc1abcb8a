using NJsonSchema;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>The inbound message schemas, read once from the schemas/ folder shipped beside the binaries.</summary>
public sealed class SchemaSet
{
    public required JsonSchema StartInvolvement { get; init; }
    public required JsonSchema UpdateInvolvement { get; init; }
    public required JsonSchema EndInvolvement { get; init; }
    public required JsonSchema Demographics { get; init; }

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "schemas");

    public static async Task<SchemaSet> LoadAsync(string? folder = null)
    {
        folder ??= DefaultFolder;
        return new SchemaSet
        {
            StartInvolvement = await JsonSchema.FromFileAsync(Path.Combine(folder, "start-involvement.schema.json")),
            UpdateInvolvement = await JsonSchema.FromFileAsync(Path.Combine(folder, "update-involvement.schema.json")),
            EndInvolvement = await JsonSchema.FromFileAsync(Path.Combine(folder, "end-involvement.schema.json")),
            Demographics = await JsonSchema.FromFileAsync(Path.Combine(folder, "demographics.schema.json")),
        };
    }
}
