using System.Globalization;
using AddisPay.Market;

namespace AddisPay.UnitTests.Market;

/// <summary>Ethiopia's 15% VAT: added to an amount, cut across parts of it, and found inside a VAT-inclusive amount.</summary>
public sealed class VatTests
{
    [Fact]
    public void The_rate_is_fifteen_percent() => Assert.Equal(0.15m, Vat.Rate);

    [Theory]
    [InlineData("100", "15.00")]
    [InlineData("99.99", "15.00")]    // 14.9985
    [InlineData("0.70", "0.11")]      // 0.105: half away from zero, where banker's rounding gives 0.10
    [InlineData("2.30", "0.35")]      // 0.345, likewise (not 0.34)
    [InlineData("1234.30", "185.15")] // 185.145
    [InlineData("0.03", "0.00")]      // 0.0045
    [InlineData("0", "0")]
    [InlineData("-0.70", "-0.11")]    // a refund rounds away from zero too
    public void VAT_on_an_amount_is_fifteen_percent_rounded_half_away_from_zero_to_the_santim(string amount, string vat) =>
        Assert.Equal(Dec(vat), Vat.On(Dec(amount)));

    [Fact]
    public void VAT_on_an_amount_to_the_santim_is_to_the_santim()
    {
        foreach (var santim in Enumerable.Range(1, 1000))
            Assert.True(Etb.IsToTheSantim(Vat.On(santim / 100m)), $"VAT on {santim / 100m}");
    }

    [Fact]
    public void The_VAT_of_the_parts_of_an_amount_adds_up_to_the_VAT_of_the_whole()
    {
        // 0.35 + 0.35: each part alone carries 0.0525 → 0.05 of VAT, the whole 0.105 → 0.11.
        Assert.Equal(0.05m, Vat.OnNextPart(0m, 0.35m));
        Assert.Equal(0.06m, Vat.OnNextPart(0.35m, 0.35m));

        var random = new Random(20);
        for (var run = 0; run < 200; run++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(1, 100_000) / 100m).ToList();
            var taxed = 0m;
            var vat = 0m;
            foreach (var part in parts)
            {
                vat += Vat.OnNextPart(taxed, part);
                taxed += part;
            }
            Assert.Equal(Vat.On(parts.Sum()), vat);
        }
    }

    [Fact]
    public void Each_parts_VAT_is_within_a_santim_of_fifteen_percent_of_the_part()
    {
        var random = new Random(15);
        var taxed = 0m;
        for (var i = 0; i < 1000; i++)
        {
            var part = random.Next(1, 100_000) / 100m;
            Assert.InRange(Vat.OnNextPart(taxed, part) - part * Vat.Rate, -0.01m, 0.01m);
            taxed += part;
        }
    }

    [Theory]
    [InlineData("1035", "900", "135")]
    [InlineData("115", "100", "15")]
    [InlineData("1.00", "0.87", "0.13")]  // 0.8696 net
    [InlineData("0.01", "0.01", "0.00")]
    [InlineData("-11.50", "-10.00", "-1.50")]
    public void A_VAT_inclusive_amount_splits_into_its_net_to_the_santim_and_the_VAT_it_carried(string amount, string net, string vat) =>
        Assert.Equal((Dec(net), Dec(vat)), Vat.Included(Dec(amount)));

    [Fact]
    public void The_net_and_VAT_inside_an_amount_add_up_to_it_exactly()
    {
        foreach (var santim in Enumerable.Range(1, 5000))
        {
            var (net, vat) = Vat.Included(santim / 100m);
            Assert.Equal(santim / 100m, net + vat);
        }
    }

    private static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
}
