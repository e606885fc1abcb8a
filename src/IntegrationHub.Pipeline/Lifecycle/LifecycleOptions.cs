namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>Lifecycle settings, section "Lifecycle".</summary>
public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>
    /// The sources whose date of death is a confirmation by the registration source (the Registrar General's feed, 002 3.37):
    /// only their confirmation starts the year to the archive. Any other source's date of death is a notification: it
    /// shows at once and archives nothing. A configuration list rather than a column on sources, because it is a
    /// deployment fact (one or two feeds nationally) and needs no migration (ADR 0010).
    /// </summary>
    public List<string> RegistrationSources { get; set; } = [];
}
