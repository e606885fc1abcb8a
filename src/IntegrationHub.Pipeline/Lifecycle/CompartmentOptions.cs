namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>Local authority compartments (002 4.53-4.59; ADR 0011), section "Lifecycle:Compartments".</summary>
public sealed class CompartmentOptions
{
    public const string Section = "Lifecycle:Compartments";

    /// <summary>
    /// Where a postcode lies, without a national postcode directory: postcode districts (outward codes, "M6", "WN1") and
    /// areas (the leading letters, "WN") mapped to the local authority's name as accounts and sources spell it. A district
    /// wins over its area. The best view's postcode is looked up here for the child's ordinary residence; a postcode in
    /// neither falls back to the local authority of the source that supplied the best view's address.
    /// </summary>
    public Dictionary<string, string> PostcodeDistricts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
