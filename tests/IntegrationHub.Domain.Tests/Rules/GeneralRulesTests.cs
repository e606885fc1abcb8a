using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Rules.Sectors;

namespace IntegrationHub.Domain.Tests.Rules;

public sealed record GeneralRuleCase(string Covers, bool Passes, string Situation, ReportedInvolvement Involvement, string? Code) : ICoverageCase;

/// <summary>The checks every sector shares: a known sector, and sensible dates.</summary>
[TestFixture]
public sealed class GeneralRulesTests
{
    private static readonly SectorRuleEngine Engine = new(SectorCatalogue.Guidance40);

    public static IEnumerable<GeneralRuleCase> All
    {
        get
        {
            var known = SectorRuleEngine.GeneralRules.SectorKnown.Id;
            var endDate = SectorRuleEngine.GeneralRules.EndDateRequired.Id;
            var order = SectorRuleEngine.GeneralRules.EndNotBeforeStart.Id;
            var closed = new TriggerEvidence { SocialCare = new SocialCareEvidence { CaseClosed = true } };

            yield return new(known, true, "a sector in the catalogue", Samples.ValidStart(SectorIds.SocialCare), null);
            yield return new(known, false, "a Health sector the guidance has not defined yet", Samples.ValidStart(SectorIds.SocialCare) with { Sector = "health" }, ViolationCodes.SectorUnknown);
            yield return new(endDate, true, "an end with its end date", Samples.Ending(SectorIds.SocialCare, closed), null);
            yield return new(endDate, false, "an end without an end date", Samples.Ending(SectorIds.SocialCare, closed) with { EndDate = null }, ViolationCodes.EndDateMissing);
            yield return new(order, true, "an end on the start date", Samples.Ending(SectorIds.SocialCare, closed, Samples.StartDate), null);
            yield return new(order, false, "an end the day before the start", Samples.Ending(SectorIds.SocialCare, closed, Samples.StartDate.AddDays(-1)), ViolationCodes.EndBeforeStart);
        }
    }

    public static IEnumerable<TestCaseData> Cases() => All.Select(c => new TestCaseData(c).SetName(RuleBook.TestName(c, c.Situation)));

    [TestCaseSource(nameof(Cases))]
    public void General(GeneralRuleCase rule)
    {
        var violations = Engine.Check(rule.Involvement, Samples.BornAged(10)).Violations;

        if (rule.Passes)
        {
            Assert.That(violations, Is.Empty);
        }
        else
        {
            Assert.That(violations, Has.Some.Matches<Violation>(v => v.RuleId == rule.Covers && v.Code == rule.Code), string.Join(" | ", violations));
        }
    }

    [Test]
    public void An_unknown_sector_is_reported_with_the_sectors_the_hub_knows()
    {
        var result = Engine.Check(Samples.ValidStart(SectorIds.SocialCare) with { Sector = "probation" }, Samples.BornAged(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Definition, Is.Null);
            Assert.That(result.Violations.Single().Path, Is.EqualTo("$.involvement.sector"));
            Assert.That(result.Violations.Single().Message, Does.Contain("socialCare").And.Contain("educationAdditional"));
        }
    }
}
