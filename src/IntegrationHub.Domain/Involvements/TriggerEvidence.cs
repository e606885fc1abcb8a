namespace IntegrationHub.Domain.Involvements;

/// <summary>
/// The evidence of its trigger that an involvement carries: the facts a case-management system
/// holds that made it start, update or end the involvement. The hub checks them against the
/// sector's definition (000 sections 3 and 4). Only the group for the sending sector is expected.
/// </summary>
/// <remarks>
/// Every fact is optional: <c>null</c> means "not stated", which no trigger accepts. When no trigger of
/// the action is met, the hub names each one with its guidance section, so the source sees which rules
/// it failed. Mirrored by <c>$.involvement.evidence</c> in the message schema.
/// </remarks>
public sealed record TriggerEvidence
{
    /// <summary>The practitioner's, team's or organisation's details changed (000 3.3, "adviser details change").</summary>
    public bool? PractitionerDetailsChanged { get; init; }

    /// <summary>The child's or young person's details changed (000 3.3).</summary>
    public bool? ChildDetailsChanged { get; init; }

    /// <summary>
    /// The practitioner recorded the involvement by professional judgement where the guidance allows it:
    /// YOT (000 4.5.2), police (4.6.2) and education (4.8.1).
    /// </summary>
    public bool? ProfessionalJudgement { get; init; }

    public ConnexionsEvidence? Connexions { get; init; }

    public YouthServiceEvidence? YouthService { get; init; }

    public SocialCareEvidence? SocialCare { get; init; }

    public VoluntaryEvidence? Voluntary { get; init; }

    public YouthOffendingEvidence? YouthOffending { get; init; }

    public PoliceEvidence? Police { get; init; }

    public EarlyYearsEvidence? EarlyYears { get; init; }

    public EducationEvidence? Education { get; init; }

    /// <summary>
    /// Only the facts the sectors' time-based rules read (last attendance, last activity, last contact, kept
    /// open, Traveller Education, schools officer): what the hub keeps with a provision to end it on time.
    /// The rest of the evidence can be case data; it is judged on arrival and not stored.
    /// </summary>
    public TriggerEvidence ForTimeBasedRules() => new()
    {
        YouthService = YouthService?.LastAttendanceDate is { } attended ? new YouthServiceEvidence { LastAttendanceDate = attended } : null,
        EarlyYears = EarlyYears?.LastActivityDate is { } active ? new EarlyYearsEvidence { LastActivityDate = active } : null,
        Education = Education is { TravellerEducationAccessed: not null } or { LastContactDate: not null } or { KeptOpenByPractitioner: not null }
            ? new EducationEvidence
            {
                TravellerEducationAccessed = Education.TravellerEducationAccessed,
                LastContactDate = Education.LastContactDate,
                KeptOpenByPractitioner = Education.KeptOpenByPractitioner,
            }
            : null,
        Police = Police is { SchoolsOfficer: not null } or { SchoolsOfficerStillInvolved: not null }
            ? new PoliceEvidence { SchoolsOfficer = Police.SchoolsOfficer, SchoolsOfficerStillInvolved = Police.SchoolsOfficerStillInvolved }
            : null,
    };
}

/// <summary>Connexions Partnerships (000 4.1.2).</summary>
public sealed record ConnexionsEvidence
{
    /// <summary>The young person's current level of need (1 highest, 3 lowest).</summary>
    public ConnexionsLevelOfNeed? LevelOfNeed { get; init; }

    /// <summary>The level of need before this change, when it changed.</summary>
    public ConnexionsLevelOfNeed? PreviousLevelOfNeed { get; init; }

    /// <summary>An additional personal adviser starts to provide a service: a separate involvement.</summary>
    public bool? AdditionalPersonalAdviser { get; init; }
}

/// <summary>Youth Service (000 4.2.2, 4.2.3).</summary>
public sealed record YouthServiceEvidence
{
    /// <summary>The young person is in the youth work participation category.</summary>
    public bool? InParticipationCategory { get; init; }

    /// <summary>Attendances in any 12-month period.</summary>
    public int? AttendancesInLast12Months { get; init; }

    /// <summary>The activity is a generic leisure activity (e.g. a pool club): 4 attendances are needed, not 2.</summary>
    public bool? GenericLeisureActivity { get; init; }

    /// <summary>The young person is working towards recorded or accredited outcomes.</summary>
    public bool? WorkingTowardsRecordedOrAccreditedOutcomes { get; init; }

    /// <summary>A key worker flagged that they provide a specialist or targeted service.</summary>
    public bool? KeyWorkerFlaggedSpecialistService { get; init; }

    /// <summary>The last attendance; the hub ends the involvement a year later.</summary>
    public DateOnly? LastAttendanceDate { get; init; }
}

/// <summary>Social care (000 4.3.2).</summary>
public sealed record SocialCareEvidence
{
    /// <summary>An initial assessment has been started.</summary>
    public bool? InitialAssessmentStarted { get; init; }

    /// <summary>The practitioner this involvement carries: the allocated social worker or one of two further practitioners.</summary>
    public SocialCarePractitionerRole? PractitionerAssigned { get; init; }

    /// <summary>The case is closed.</summary>
    public bool? CaseClosed { get; init; }
}

/// <summary>Voluntary and community sector: national partners and VCSOs (000 4.4.2).</summary>
public sealed record VoluntaryEvidence
{
    /// <summary>National partner: an involvement is recorded in the partner's case-management system.</summary>
    public bool? InvolvementRecordedInPartnerSystem { get; init; }

    /// <summary>VCSO: a specialist and targeted service is being delivered.</summary>
    public bool? SpecialistServiceDelivered { get; init; }

    /// <summary>The involvement (national partner) or the specialist and targeted service (VCSO) is closed.</summary>
    public bool? InvolvementClosed { get; init; }
}

/// <summary>Youth offending teams (000 4.5.2).</summary>
public sealed record YouthOffendingEvidence
{
    /// <summary>The assessment completed, if any.</summary>
    public YouthOffendingAssessment? AssessmentCompleted { get; init; }

    /// <summary>What triggered an intervention without a prior assessment.</summary>
    public YouthOffendingInterventionTrigger? InterventionTrigger { get; init; }

    /// <summary>The intervention concluded (court order end date, or final assessment with no court order).</summary>
    public bool? InterventionConcluded { get; init; }

    /// <summary>The assessment is not to be followed by an intervention: start and end date are the same.</summary>
    public bool? AssessmentNotFollowedByIntervention { get; init; }
}

/// <summary>Police (000 4.6.2).</summary>
public sealed record PoliceEvidence
{
    /// <summary>An investigation by a dedicated child abuse investigation team was initiated.</summary>
    public bool? ChildAbuseInvestigationInitiated { get; init; }

    /// <summary>A service is provided to the child as victim, witness or perpetrator of a serious incident (5.1.1).</summary>
    public SeriousIncidentRole? SeriousIncidentRole { get; init; }

    /// <summary>The practitioner is a schools officer: start and end date are recorded the same.</summary>
    public bool? SchoolsOfficer { get; init; }

    /// <summary>The schools officer is still involved with the child (the involvement is recorded closed by convention).</summary>
    public bool? SchoolsOfficerStillInvolved { get; init; }

    /// <summary>For a new schools officer involvement: the start date of the involvement it continues.</summary>
    public DateOnly? ContinuesInvolvementStartedOn { get; init; }

    /// <summary>How the child abuse investigation concluded.</summary>
    public ChildAbuseInvestigationOutcome? InvestigationOutcome { get; init; }
}

/// <summary>Early years (000 4.7.2).</summary>
public sealed record EarlyYearsEvidence
{
    /// <summary>An early years provider provides a universal early years (early education) service.</summary>
    public bool? UniversalEarlyYearsService { get; init; }

    /// <summary>A specialist and targeted Children's Centre service is provided (contact: the centre manager).</summary>
    public bool? ChildrensCentreSpecialistService { get; init; }

    /// <summary>The last activity with the child; the hub ends the involvement after 90 days without activity.</summary>
    public DateOnly? LastActivityDate { get; init; }

    /// <summary>The child no longer attends the universal early years service.</summary>
    public bool? NoLongerAttends { get; init; }

    /// <summary>All specialist and targeted involvements with a Children's Centre practitioner are closed.</summary>
    public bool? AllSpecialistServicesClosed { get; init; }

    /// <summary>The child is taken off the Sure Start system.</summary>
    public bool? TakenOffSureStart { get; init; }
}

/// <summary>Education, universal and additional services (000 4.8.2).</summary>
public sealed record EducationEvidence
{
    /// <summary>The child started or is registered at a place of early, primary or secondary education (a new school records its own start).</summary>
    public bool? RegisteredAtPlaceOfEducation { get; init; }

    /// <summary>A school nurse's involvement is sustained, significant or relevant (not general first aid).</summary>
    public bool? SchoolNurseSustainedInvolvement { get; init; }

    /// <summary>The child's SEN stage: school action, school action plus or a statement.</summary>
    public SenStage? SenStage { get; init; }

    /// <summary>A looked-after child is assigned a designated teacher or equivalent member of staff.</summary>
    public bool? DesignatedTeacherForLookedAfterChild { get; init; }

    /// <summary>The child was referred to the Educational Welfare Service and an Education Welfare Officer assigned.</summary>
    public bool? WelfareOfficerAssigned { get; init; }

    /// <summary>The child accesses Traveller Education Services (every involvement is recorded).</summary>
    public bool? TravellerEducationAccessed { get; init; }

    /// <summary>The child accesses Home Education Liaison and the involvement is sustained, significant or useful.</summary>
    public bool? HomeEducationLiaisonSustained { get; init; }

    /// <summary>An initial assessment is complete and the Educational Psychology Service will provide a service.</summary>
    public bool? EducationalPsychologyAfterInitialAssessment { get; init; }

    /// <summary>The child left the place of education.</summary>
    public bool? LeftPlaceOfEducation { get; init; }

    /// <summary>The child's level of need reduced (e.g. no longer on a school action plan).</summary>
    public bool? NeedReduced { get; init; }

    /// <summary>The child no longer accesses the service (welfare, psychology, home education liaison, or a school nurse's relevant service).</summary>
    public bool? ServiceNoLongerAccessed { get; init; }

    /// <summary>Traveller Education Services: the last service to or contact with the child.</summary>
    public DateOnly? LastContactDate { get; init; }

    /// <summary>Traveller Education Services: the practitioner keeps the involvement open after a year without contact.</summary>
    public bool? KeptOpenByPractitioner { get; init; }
}
