namespace IntegrationHub.Domain.Involvements;

/// <summary>What the source asks the hub to do with one service provision (000 2.1.1).</summary>
public enum InvolvementAction
{
    /// <summary>Record the start of a service provision (000 3.2).</summary>
    Start,

    /// <summary>Update an open or historic service provision (000 3.3, 1.5.6).</summary>
    Update,

    /// <summary>Record the end of a service provision (000 3.4).</summary>
    End,
}

/// <summary>Service type as ContactPoint labels it (000 1.5.1, 1.5.2).</summary>
public enum ServiceType
{
    /// <summary>Provided to all children in an age group: GP, health visitor, school nurse, early, primary and secondary education.</summary>
    Universal,

    /// <summary>Not normally provided to all persons in a particular age group ("additional").</summary>
    SpecialistAndTargeted,
}

/// <summary>Why a sensitive service may be recorded (000 1.5.3; 002 3.3-3.8).</summary>
public enum SensitiveConsentBasis
{
    /// <summary>The child, young person or parent/carer gave informed, explicit consent (002 C2).</summary>
    ExplicitConsent,

    /// <summary>The source records reasonable cause to suspect significant harm (002 3.8; Children Act 1989 s31).</summary>
    ReasonableCauseToSuspectSignificantHarm,
}

/// <summary>Connexions level of need, assessed by the personal adviser: 1 is the highest (000 4.1.1).</summary>
public enum ConnexionsLevelOfNeed
{
    Level1 = 1,
    Level2 = 2,
    Level3 = 3,
}

/// <summary>Which social care practitioner this involvement carries (000 4.3.2, 4.3.3).</summary>
public enum SocialCarePractitionerRole
{
    AllocatedSocialWorker,
    FurtherPractitioner,
}

/// <summary>The Youth Justice Board assessment tool completed (000 4.5.2).</summary>
public enum YouthOffendingAssessment
{
    Onset,
    Asset,
}

/// <summary>What triggered a YOT intervention (000 4.5.2 footnote 3).</summary>
public enum YouthOffendingInterventionTrigger
{
    CourtOrder,
    FinalWarning,
    PreventionReferral,
}

/// <summary>The child's part in a serious incident (000 4.6.2, 5.1.1).</summary>
public enum SeriousIncidentRole
{
    Victim,
    Witness,
    Perpetrator,
}

/// <summary>How a child abuse investigation concluded (000 4.6.2).</summary>
public enum ChildAbuseInvestigationOutcome
{
    TrialEnded,
    DecisionNotToProsecute,
}

/// <summary>Special educational needs stage: school action, school action plus or a statement (000 4.8.2).</summary>
public enum SenStage
{
    Action,
    ActionPlus,
    Statement,
}
