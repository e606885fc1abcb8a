namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>The sector ids of Guidance v4.0, as sources send them in <c>$.involvement.sector</c>.</summary>
public static class SectorIds
{
    public const string Connexions = "connexions";
    public const string YouthService = "youthService";
    public const string SocialCare = "socialCare";
    public const string VoluntaryNationalPartner = "voluntaryNationalPartner";
    public const string VoluntaryVcso = "voluntaryVcso";
    public const string YouthOffending = "youthOffending";
    public const string Police = "police";
    public const string EarlyYears = "earlyYears";
    public const string EducationUniversal = "educationUniversal";
    public const string EducationAdditional = "educationAdditional";
}
