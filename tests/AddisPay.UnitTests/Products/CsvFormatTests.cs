using System.Text;
using AddisPay.Products.Contracts;
using AddisPay.Products.ImportProducts;
using AddisPay.Products.Domain;

namespace AddisPay.UnitTests.Products;

/// <summary>The catalogue's CSV: RFC 4180 quoting, UTF-8 with a byte-order mark, Amharic kept as written.</summary>
public sealed class CsvFormatTests
{
    [Fact]
    public void Fields_with_commas_quotes_and_line_breaks_are_quoted_and_read_back_as_written()
    {
        string[] fields = ["plain", "a, b", "say \"ቡና\"", "two\r\nlines", "", "ends "];
        var line = CsvFormat.Line(fields);
        Assert.Equal("plain,\"a, b\",\"say \"\"ቡና\"\"\",\"two\r\nlines\",,\"ends \"\r\n", line);
        Assert.Equal(fields, Assert.Single(CsvFormat.Records(line)));
    }

    [Fact]
    public void A_null_field_is_written_empty() => Assert.Equal("a,,b\r\n", CsvFormat.Line(["a", null, "b"]));

    [Fact]
    public void The_byte_order_mark_is_skipped_when_read_and_records_end_with_LF_or_CRLF()
    {
        var records = CsvFormat.Records("\uFEFFproduct_key,name\nk1,ማር\r\nk2,ቡና").ToList();
        Assert.Equal(["product_key", "name"], records[0]);
        Assert.Equal(["k1", "ማር"], records[1]);
        Assert.Equal(["k2", "ቡና"], records[2]);
    }

    [Fact]
    public void The_header_starts_with_the_byte_order_mark_so_spreadsheets_read_Amharic_as_UTF8()
    {
        var bytes = Encoding.UTF8.GetBytes(CatalogueCsv.Header() + CatalogueCsv.Rows(CatalogueCsv.Example));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        Assert.Contains("የይርጋጨፌ ቡና", text);
    }

    [Fact]
    public void A_product_written_as_CSV_parses_back_to_the_same_product_with_every_variant_and_option()
    {
        var product = new CatalogueEntry("harar-beans", "Harar beans, \"longberry\"", "የሐረር ቡና", "Sun-dried,\nfruity", null, "Harar Co", "coffee", [],
            new Dictionary<string, string>(),
            [
                new CatalogueEntryVariant("HAR-250", new() { ["size"] = "250 g", ["grind"] = "whole bean" }, 410.50m, 12),
                new CatalogueEntryVariant("HAR-500", new() { ["size"] = "500 g", ["grind"] = "ground" }, 790m, 0)
            ], Publish: true);

        var (row, request, errors) = Assert.Single(CatalogueCsv.Parse(CatalogueCsv.Header() + CatalogueCsv.Rows(product)));

        Assert.Equal(2, row);
        Assert.Null(errors);
        Assert.Equal((product.Name, product.NameAm, product.Description, product.Brand, product.CategorySlug, true),
            (request!.Name, request.NameAm, request.Description, request.Brand, request.CategorySlug, request.Publish));
        Assert.Null(request.DescriptionAm);
        Assert.Equal(product.Variants.Select(v => (v.Sku, v.PriceEtb, v.Stock, string.Join(";", v.Options))),
            request.Variants!.Select(v => (v.Sku, v.PriceEtb, v.Stock, string.Join(";", v.Options!))));
    }

    [Fact]
    public void Option_names_and_values_of_different_counts_fail_their_row()
    {
        var csv = CatalogueCsv.Header() + "k,Honey,ማር,,,,,HNY-1,size|colour,500 g,100,1,false\r\n";
        var (_, _, errors) = Assert.Single(CatalogueCsv.Parse(csv));
        Assert.True(errors!.ContainsKey("option_value"));
    }
}
