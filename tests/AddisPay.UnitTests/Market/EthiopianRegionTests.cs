using AddisPay.Market;

namespace AddisPay.UnitTests.Market;

/// <summary>Ethiopia's regions and chartered cities: matched whatever their letter case, kept in one spelling.</summary>
public sealed class EthiopianRegionTests
{
    [Fact]
    public void The_regions_are_Ethiopias_twelve_regions_and_two_chartered_cities_each_once()
    {
        Assert.Equal(14, EthiopianRegion.All.Count);
        Assert.Equal(EthiopianRegion.All.Count, EthiopianRegion.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Addis Ababa", EthiopianRegion.All);
        Assert.Contains("Dire Dawa", EthiopianRegion.All);
    }

    [Theory]
    [InlineData("Addis Ababa")]
    [InlineData("addis ababa")]
    [InlineData("DIRE DAWA")]
    [InlineData("Sidama")]
    [InlineData("South West Ethiopia")]
    [InlineData("Central Ethiopia")]
    public void A_region_or_chartered_city_is_one_whatever_its_letter_case(string name) =>
        Assert.True(EthiopianRegion.IsOne(name));

    [Theory]
    [InlineData("SNNPR")] // dissolved in 2023 into Central Ethiopia and South Ethiopia
    [InlineData("Nairobi")]
    [InlineData("Addis")]
    [InlineData(" Addis Ababa")]
    [InlineData("")]
    [InlineData(null)]
    public void A_place_that_is_not_a_current_region_is_not_one(string? name) =>
        Assert.False(EthiopianRegion.IsOne(name));

    [Theory]
    [InlineData("addis ababa", "Addis Ababa")]
    [InlineData("BENISHANGUL-GUMUZ", "Benishangul-Gumuz")]
    [InlineData("south west ethiopia", "South West Ethiopia")]
    [InlineData("Tigray", "Tigray")]
    public void A_region_named_in_any_letter_case_takes_its_canonical_spelling(string name, string canonical) =>
        Assert.Equal(canonical, EthiopianRegion.Canonical(name));

    [Fact]
    public void Asking_the_spelling_of_a_place_that_is_not_a_region_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => EthiopianRegion.Canonical("SNNPR"));

    [Theory]
    [InlineData("Addis Ababa", true)]
    [InlineData("ADDIS ABABA", true)]
    [InlineData("Dire Dawa", false)]
    [InlineData(null, false)]
    public void Addis_Ababa_is_recognised_whatever_its_letter_case(string? name, bool addis) =>
        Assert.Equal(addis, EthiopianRegion.IsAddisAbaba(name));
}
