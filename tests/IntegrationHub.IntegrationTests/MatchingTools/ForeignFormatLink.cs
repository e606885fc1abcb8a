using System.Globalization;
using System.Text.Json;
using IntegrationHub.Host.MatchingTools;

namespace IntegrationHub.IntegrationTests.MatchingTools;

/// <summary>
/// A feed from abroad: French column names, dd/MM/yyyy dates and five-digit postal codes in a CSV file, linked
/// to an NDJSON file with other names, ISO dates and address arrays, through two mapping files.
/// </summary>
public class ForeignFormatLink
{
    private static readonly string[] Given = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Zoé", "Lucas", "Hugo", "Théo", "Nathan", "Mathis", "Enzo", "Louis", "Gabriel", "Jules", "Arthur", "Adam", "Raphaël"];
    private static readonly string[] Family = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"];

    private string folder = null!;

    [OneTimeSetUp]
    public void WriteFiles()
    {
        folder = Hub.TempFolder("foreign");
        using (var left = new StreamWriter(Path.Combine(folder, "registre.csv")))
        {
            Csv.WriteRecord(left, ["Identifiant", "Prénom", "Nom", "Date de naissance", "Sexe", "Adresse", "Ville", "Code postal", "Courriel"]);
            for (var i = 0; i < 60; i++)
            {
                var person = Person(i);
                Csv.WriteRecord(left, [$"FR{i:000}", person.Given, person.Family, person.Born.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), person.Female ? "F" : "M", $"{i + 3}, rue {Family[(i + 5) % Family.Length]}", "Paris", person.Postcode, person.Email]);
            }
        }

        using (var right = new StreamWriter(Path.Combine(folder, "inscriptions.ndjson")))
        {
            // The same 50 of those children, some with a dropped letter, a new postal code or no e-mail, and 15 others.
            for (var i = 10; i < 75; i++)
            {
                var person = Person(i);
                var given = i % 5 == 0 ? person.Given[..^1] : person.Given;
                var line = new Dictionary<string, object?>
                {
                    ["ref"] = $"IN-{i}",
                    ["first"] = given,
                    ["last"] = person.Family.ToUpperInvariant(),
                    ["born"] = person.Born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["gender"] = person.Female ? "female" : "male",
                    ["street"] = new[] { $"{i + 3} rue {Family[(i + 5) % Family.Length]}", "Paris" },
                    ["zip"] = i % 6 == 0 ? "69003" : person.Postcode,
                    ["email"] = i % 7 == 0 ? null : person.Email,
                };
                right.WriteLine(JsonSerializer.Serialize(line));
            }
        }

        File.WriteAllText(Path.Combine(folder, "registre.json"), """
            {
              "id": "Identifiant", "givenNames": "Prénom", "familyName": "Nom",
              "dateOfBirth": "Date de naissance", "dateFormats": ["dd/MM/yyyy"],
              "sex": "Sexe", "address": ["Adresse", "Ville"], "postcode": "Code postal",
              "other": { "email": "Courriel" }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "inscriptions.json"), """
            {
              // NDJSON: the street array is read as address lines.
              "id": "ref", "givenNames": "first", "familyName": "last",
              "dateOfBirth": "born", "dateFormats": ["yyyy-MM-dd"],
              "sex": "gender", "address": ["street"], "postcode": "zip",
              "other": { "email": "email" }
            }
            """);
        using var truth = new StreamWriter(Path.Combine(folder, "truth.csv"));
        Csv.WriteRecord(truth, ["source", "record_id", "child_id"]);
        for (var i = 0; i < 60; i++)
        {
            Csv.WriteRecord(truth, ["registre", $"FR{i:000}", $"child-{i}"]);
        }

        for (var i = 10; i < 75; i++)
        {
            Csv.WriteRecord(truth, ["inscriptions", $"IN-{i}", $"child-{i}"]);
        }
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [Test]
    public void The_files_link_through_their_mappings()
    {
        var links = Path.Combine(folder, "links.csv");
        var link = Hub.Run(
            "link", "--left", Path.Combine(folder, "registre.csv"), "--right", Path.Combine(folder, "inscriptions.ndjson"),
            "--mapping", Path.Combine(folder, "registre.json"), "--right-mapping", Path.Combine(folder, "inscriptions.json"), "--out", links);
        Assert.That(link.ExitCode, Is.Zero, link.Output + link.Error);

        var pairs = Hub.ReadCsv(links).Select(row => (row["record_id_a"], row["record_id_b"])).ToList();
        var eval = Hub.Run("eval", "--links", links, "--truth", Path.Combine(folder, "truth.csv"));
        TestContext.Out.WriteLine(link.Output + eval.Output);

        Assert.Multiple(() =>
        {
            Assert.That(link.Output, Does.Not.Contain("warning"), "every date read");
            Assert.That(pairs, Does.Contain(("FR010", "IN-10")), "a dropped letter, new postal code");
            Assert.That(pairs, Does.Contain(("FR042", "IN-42")), "no e-mail, new postal code");
            Assert.That(pairs, Has.All.Matches<(string A, string B)>(p => p.A[2..].TrimStart('0') == p.B[3..]), "no wrong links");
            Assert.That(eval.ExitCode, Is.Zero, eval.Error);
            Assert.That(Hub.F1(eval.Output), Is.GreaterThan(0.95), eval.Output);
        });
    }

    [Test]
    public void Command_line_columns_override_the_defaults()
    {
        var links = Path.Combine(folder, "options", "links.csv");
        var link = Hub.Run(
            "link", "--input", Path.Combine(folder, "registre.csv"), "--id-column", "Identifiant", "--given-column", "Prénom", "--family-column", "Nom",
            "--dob-column", "Date de naissance", "--date-format", "dd/MM/yyyy", "--postcode-column", "Code postal", "--other", "email=Courriel", "--out", links);

        Assert.Multiple(() =>
        {
            Assert.That(link.ExitCode, Is.Zero, link.Output + link.Error);
            Assert.That(link.Output, Does.Not.Contain("warning"));
            Assert.That(Hub.ReadCsv(links), Is.Empty, "sixty different children");
        });
    }

    [Test]
    public void A_missing_column_is_named()
    {
        var result = Hub.Run("link", "--input", Path.Combine(folder, "registre.csv"), "--id-column", "Id", "--out", Path.Combine(folder, "x.csv"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("no column 'Id'"));
        });
    }

    private static (string Given, string Family, DateOnly Born, bool Female, string Postcode, string Email) Person(int i)
    {
        var given = Given[i % Given.Length];
        var family = Family[(i * 7 + i / Given.Length) % Family.Length];
        var born = new DateOnly(2010, 1, 1).AddDays(i * 53);
        return (given, family, born, i % Given.Length < 8, $"750{i % 20:00}", $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}{i}@exemple.fr");
    }
}
