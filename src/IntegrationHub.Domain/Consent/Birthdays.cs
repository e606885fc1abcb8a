namespace IntegrationHub.Domain.Consent;

/// <summary>Ages and birthdays as English law counts them.</summary>
public static class Birthdays
{
    /// <summary>
    /// The day a person born on <paramref name="dateOfBirth"/> attains <paramref name="age"/>.
    /// Someone born on 29 February attains an age on 1 March in a common year: <see cref="DateOnly.AddYears"/>
    /// would give 28 February and archive a record a day early.
    /// </summary>
    public static DateOnly Birthday(DateOnly dateOfBirth, int age)
    {
        var year = dateOfBirth.Year + age;
        if (dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year))
        {
            return new DateOnly(year, 3, 1);
        }

        return new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
    }

    /// <summary>Completed years on <paramref name="date"/>; negative when the date is before the birth.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly date)
    {
        if (date < dateOfBirth)
        {
            return -1;
        }

        var age = date.Year - dateOfBirth.Year;
        return date < Birthday(dateOfBirth, age) ? age - 1 : age;
    }
}
