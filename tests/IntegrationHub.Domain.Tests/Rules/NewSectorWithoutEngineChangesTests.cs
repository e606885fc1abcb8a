using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using static IntegrationHub.Domain.Rules.Condition;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>
/// The guidance promises a Health sector and Justice "Part 3" (prisons, probation) (000 1.4). This fixture
/// defines a small probation sector here, in the test only, and runs it through the unchanged engine,
/// time-based rules, pipeline entry point and document generator.
/// </summary>
[TestFixture]
public sealed class NewSectorWithoutEngineChangesTests
{
    private static readonly GuidanceReference Part3 = GuidanceReference.Involvement("1.4");

    // A fact the library does not define: the definition brings its own reading of the evidence.
    private static readonly Fact<bool> SupervisedUnderCourtOrder = new(
        "evidence.youthOffending.interventionTrigger",
        "$.involvement.evidence.youthOffending.interventionTrigger",
        f => f.Evidence.YouthOffending?.InterventionTrigger is { } trigger ? trigger == YouthOffendingInterventionTrigger.CourtOrder : null);

    private static readonly SectorDefinition Probation = new()
    {
        Id = "probation",
        Sector = "Community Safety",
        Service = "Probation (Justice Part 3, test only)",
        GuidanceVersion = "4.0",
        Section = Part3,
        Age = new AgeRule("probation.age", 10, 18, [new AgeExtension(25, true, "with consent")], "Young people aged 10-18 under supervision", Part3),
        Sensitivity = new SensitivityRule("probation.sensitive", SensitivityPolicy.Never, "Probation involvements never reveal sensitive services", Part3),
        Names = [new NameRule("probation.name.communitySafety", new FixedName("Community Safety"), Always, "Service Provision Name is Community Safety", Part3)],
        ServiceTypes = [new ServiceTypeRule("probation.type.specialistAndTargeted", ServiceType.SpecialistAndTargeted, Always, "Always Specialist and Targeted", Part3)],
        Triggers =
        [
            new Trigger("probation.start.courtOrder", InvolvementAction.Start, "Supervision starts under a court order", Part3, IsTrue(SupervisedUnderCourtOrder)),
            new Trigger("probation.update.practitionerDetails", InvolvementAction.Update, "The probation officer's details change", Part3, IsTrue(Facts.PractitionerDetailsChanged)),
            new Trigger("probation.end.supervisionConcluded", InvolvementAction.End, "Supervision concludes", Part3, IsTrue(Facts.YouthOffending.InterventionConcluded)),
        ],
        TimeBasedRules =
        [
            new TimeBasedRule("probation.timeBased.twoYears", TimeBasedOutcome.EndInvolvement, Facts.StartDate, GuidancePeriod.OfYears(2), Always, "The hub ends supervision two years after the start", Part3),
        ],
    };

    private static readonly SectorCatalogue WithProbation = SectorCatalogue.Guidance40.With(Probation);

    private static ReportedInvolvement Supervision(YouthOffendingInterventionTrigger trigger) => new()
    {
        Sector = "probation",
        Action = InvolvementAction.Start,
        ServiceProvisionName = "Community Safety 77",
        StartDate = Samples.StartDate,
        ServiceType = ServiceType.SpecialistAndTargeted,
        OrganisationName = "Kent Probation",
        Evidence = new TriggerEvidence { YouthOffending = new YouthOffendingEvidence { InterventionTrigger = trigger } },
    };

    [Test]
    public void The_unchanged_engine_accepts_a_start_that_meets_the_new_sectors_trigger()
    {
        var result = new SectorRuleEngine(WithProbation).Check(Supervision(YouthOffendingInterventionTrigger.CourtOrder), Samples.BornAged(16));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.SatisfiedTriggerIds, Is.EqualTo(new[] { "probation.start.courtOrder" }));
        }
    }

    [Test]
    public void The_unchanged_engine_rejects_the_new_sectors_start_with_its_own_rule_and_section()
    {
        var involvement = Supervision(YouthOffendingInterventionTrigger.FinalWarning) with { Sensitive = true };

        var violations = new SectorRuleEngine(WithProbation).Check(involvement, Samples.BornAged(9)).Violations;

        Assert.That(violations.Select(v => (v.RuleId, v.Section.ToString())), Is.EquivalentTo(new[]
        {
            ("probation.age", "000 1.4"),
            ("probation.sensitive", "000 1.4"),
            ("probation.start.courtOrder", "000 1.4"),
        }));
    }

    [Test]
    public void The_pipeline_entry_point_and_time_based_rules_work_for_the_new_sector()
    {
        var involvement = Supervision(YouthOffendingInterventionTrigger.CourtOrder);
        var verdict = new InvolvementChecks(WithProbation).Check(new InvolvementCheckRequest
        {
            Involvement = involvement,
            DateOfBirth = Samples.BornAged(16),
            Today = Samples.StartDate,
        });

        var decisions = TimeBasedEnds.Evaluate(Probation, involvement, Samples.BornAged(16), Samples.StartDate.AddYears(2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.CreateProvision));
            Assert.That(decisions.Single().DueOn, Is.EqualTo(Samples.StartDate.AddYears(2)));
        }
    }

    [Test]
    public void The_document_generator_renders_the_new_sector_and_the_shipped_catalogue_is_untouched()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SectorRulesDocument.Render(WithProbation), Does.Contain("## Community Safety: Probation (Justice Part 3, test only) (`probation`)"));
            Assert.That(SectorCatalogue.Guidance40.Find("probation"), Is.Null);
        }
    }
}
