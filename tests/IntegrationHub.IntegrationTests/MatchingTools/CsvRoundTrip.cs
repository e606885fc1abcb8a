using IntegrationHub.Host.MatchingTools;

namespace IntegrationHub.IntegrationTests.MatchingTools;

/// <summary>The hand-written RFC 4180 reader and writer agree with each other and with the RFC.</summary>
public class CsvRoundTrip
{
    [Test]
    public void Fields_with_commas_quotes_and_line_breaks_survive_a_write_and_read()
    {
        string[][] records =
        [
            ["id", "name", "address"],
            ["1", "O'Brien, Seán", "1 \"The Cottage\"\r\nMill Lane"],
            ["2", string.Empty, "line one\nline two"],
            ["3", "\"", ","],
        ];
        using var writer = new StringWriter();
        foreach (var record in records)
        {
            Csv.WriteRecord(writer, record);
        }

        var read = Csv.Read(new StringReader(writer.ToString())).ToArray();

        Assert.That(read, Is.EqualTo(records));
    }

    [Test]
    public void Quoting_is_used_only_where_needed_and_records_end_with_crlf()
    {
        using var writer = new StringWriter();
        Csv.WriteRecord(writer, ["plain", "a,b", "say \"hi\"", null]);

        Assert.That(writer.ToString(), Is.EqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\r\n"));
    }

    [Test]
    public void Lf_endings_a_missing_final_newline_and_empty_fields_are_read()
    {
        var read = Csv.Read(new StringReader("a,b,c\n1,,3\n\"x\",\"\",")).ToArray();

        Assert.That(read, Is.EqualTo(new[] { new[] { "a", "b", "c" }, ["1", string.Empty, "3"], ["x", string.Empty, string.Empty] }));
    }

    [Test]
    public void An_unclosed_quote_is_reported()
    {
        Assert.That(() => Csv.Read(new StringReader("a\n\"open")).ToArray(), Throws.TypeOf<InvalidDataException>());
    }
}
