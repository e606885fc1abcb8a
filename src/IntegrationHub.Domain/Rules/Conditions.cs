using System.Globalization;

namespace IntegrationHub.Domain.Rules;

/// <summary>
/// A declarative condition over an involvement's facts. Definitions compose these; the engine only
/// asks "is it met?" and the document generator only asks "describe yourself". Nothing here knows
/// about any one sector.
/// </summary>
public abstract record Condition
{
    public abstract bool IsMetBy(InvolvementFacts facts);

    /// <summary>The condition in the message's own field names, for docs and violation messages.</summary>
    public abstract string Describe();

    /// <summary>The facts the condition reads.</summary>
    public abstract IEnumerable<IFact> ReadFacts();

    public static Condition IsTrue(Fact<bool> fact) => new IsTrueCondition(fact);

    public static Condition IsNotTrue(Fact<bool> fact) => new NotCondition(new IsTrueCondition(fact));

    public static Condition IsOneOf<T>(Fact<T> fact, params T[] values)
        where T : struct, Enum => new IsOneOfCondition<T>(fact, values);

    /// <summary>Met when the source did not state the fact at all.</summary>
    public static Condition IsNotStated(IFact fact) => new IsNotStatedCondition(fact);

    public static Condition AtLeast(Fact<int> fact, int minimum) => new AtLeastCondition(fact, minimum);

    public static Condition Below(Fact<int> fact, int limit) => new NotCondition(new AtLeastCondition(fact, limit));

    /// <summary>Met when <paramref name="period"/> has passed since the date (on or before the rule's "as of" date).</summary>
    public static Condition PeriodElapsed(Fact<DateOnly> since, GuidancePeriod period) => new PeriodElapsedCondition(since, period);

    public static Condition SameDate(Fact<DateOnly> first, Fact<DateOnly> second) => new SameDateCondition(first, second);

    public static Condition All(params Condition[] conditions) => new AllOfCondition(conditions);

    public static Condition Any(params Condition[] conditions) => new AnyOfCondition(conditions);

    public static Condition Not(Condition condition) => new NotCondition(condition);

    /// <summary>Always met: for rules that apply to every involvement of a sector.</summary>
    public static Condition Always { get; } = new AlwaysCondition();

    internal static string Name(IFact fact) => $"`{fact.Name}`";

    internal static string Camel<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        return string.Concat(text[..1].ToLowerInvariant(), text[1..]);
    }
}

/// <summary>A length of time the guidance counts in: "a year after", "90 days with no activity".</summary>
public readonly record struct GuidancePeriod(int Years, int Days)
{
    public static GuidancePeriod OfYears(int years) => new(years, 0);

    public static GuidancePeriod OfDays(int days) => new(0, days);

    public DateOnly After(DateOnly date) => date.AddYears(Years).AddDays(Days);

    public override string ToString()
    {
        var parts = new List<string>();
        if (Years != 0)
        {
            parts.Add(Years == 1 ? "1 year" : string.Create(CultureInfo.InvariantCulture, $"{Years} years"));
        }

        if (Days != 0 || parts.Count == 0)
        {
            parts.Add(Days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{Days} days"));
        }

        return string.Join(" and ", parts);
    }
}

public sealed record AlwaysCondition : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) => true;

    public override string Describe() => "always";

    public override IEnumerable<IFact> ReadFacts() => [];
}

public sealed record IsTrueCondition(Fact<bool> Fact) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) => Fact.Read(facts) == true;

    public override string Describe() => $"{Name(Fact)} is true";

    public override IEnumerable<IFact> ReadFacts() => [Fact];
}

public sealed record IsNotStatedCondition(IFact Fact) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) => !Fact.IsStated(facts);

    public override string Describe() => $"{Name(Fact)} is not stated";

    public override IEnumerable<IFact> ReadFacts() => [Fact];
}

public sealed record IsOneOfCondition<T>(Fact<T> Fact, IReadOnlyList<T> Values) : Condition
    where T : struct, Enum
{
    public override bool IsMetBy(InvolvementFacts facts) => Fact.Read(facts) is { } value && Values.Contains(value);

    public override string Describe() => Values.Count == 1
        ? $"{Name(Fact)} is `{Camel(Values[0])}`"
        : $"{Name(Fact)} is one of {string.Join(", ", Values.Select(v => $"`{Camel(v)}`"))}";

    public override IEnumerable<IFact> ReadFacts() => [Fact];
}

public sealed record AtLeastCondition(Fact<int> Fact, int Minimum) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) => Fact.Read(facts) is { } value && value >= Minimum;

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Name(Fact)} is at least {Minimum}");

    public override IEnumerable<IFact> ReadFacts() => [Fact];
}

public sealed record PeriodElapsedCondition(Fact<DateOnly> Since, GuidancePeriod Period) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) =>
        Since.Read(facts) is { } since && Period.After(since) <= facts.AsOf;

    public override string Describe() => $"{Period} has passed since {Name(Since)}";

    public override IEnumerable<IFact> ReadFacts() => [Since];
}

public sealed record SameDateCondition(Fact<DateOnly> First, Fact<DateOnly> Second) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) =>
        First.Read(facts) is { } first && Second.Read(facts) is { } second && first == second;

    public override string Describe() => $"{Name(First)} equals {Name(Second)}";

    public override IEnumerable<IFact> ReadFacts() => [First, Second];
}

public sealed record AllOfCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) => Conditions.All(c => c.IsMetBy(facts));

    public override string Describe() => string.Join(" and ", Conditions.Select(Wrap));

    public override IEnumerable<IFact> ReadFacts() => Conditions.SelectMany(c => c.ReadFacts());

    private static string Wrap(Condition condition) => condition is AnyOfCondition ? $"({condition.Describe()})" : condition.Describe();
}

public sealed record AnyOfCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) => Conditions.Any(c => c.IsMetBy(facts));

    public override string Describe() => string.Join(" or ", Conditions.Select(Wrap));

    public override IEnumerable<IFact> ReadFacts() => Conditions.SelectMany(c => c.ReadFacts());

    private static string Wrap(Condition condition) => condition is AllOfCondition ? $"({condition.Describe()})" : condition.Describe();
}

public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool IsMetBy(InvolvementFacts facts) => !Inner.IsMetBy(facts);

    public override string Describe() => Inner switch
    {
        IsTrueCondition t => $"{Name(t.Fact)} is not true",
        AtLeastCondition a => string.Create(CultureInfo.InvariantCulture, $"{Name(a.Fact)} is below {a.Minimum}"),
        _ => $"not ({Inner.Describe()})",
    };

    public override IEnumerable<IFact> ReadFacts() => Inner.ReadFacts();
}
