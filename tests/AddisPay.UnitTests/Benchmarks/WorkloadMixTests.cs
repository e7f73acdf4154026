using AddisPay.Benchmarks;

namespace AddisPay.UnitTests.Benchmarks;

/// <summary>The workload-mix benchmark's choice of a shopper's next action and its percentile arithmetic.</summary>
public sealed class WorkloadMixTests
{
    [Fact]
    public void The_online_boutique_mix_with_search_gives_each_action_its_documented_share()
    {
        var mix = WorkloadMix.OnlineBoutiqueWithSearch;

        Assert.Equal(0.57, mix.Share(ShopperAction.ViewProduct), 3);
        Assert.Equal(0.13, mix.Share(ShopperAction.AddToCart), 3);
        Assert.Equal(0.13, mix.Share(ShopperAction.ViewCart), 3);
        Assert.Equal(0.04, mix.Share(ShopperAction.Home), 3);
        Assert.Equal(0.04, mix.Share(ShopperAction.Checkout), 3);
        Assert.Equal(0.09, mix.Share(ShopperAction.Search), 3);
    }

    [Fact]
    public void Evenly_spread_numbers_pick_each_action_in_proportion_to_its_weight()
    {
        var mix = WorkloadMix.OnlineBoutiqueWithSearch;
        const int draws = 10_000;

        var picked = Enumerable.Range(0, draws).Select(i => mix.Pick((i + 0.5) / draws)).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());

        foreach (var action in Enum.GetValues<ShopperAction>())
            Assert.InRange(picked.GetValueOrDefault(action), mix.Share(action) * draws - 1, mix.Share(action) * draws + 1);
    }

    [Fact]
    public void A_number_on_a_boundary_picks_the_next_action_and_the_largest_number_below_one_the_last()
    {
        var mix = new WorkloadMix([(ShopperAction.Home, 1), (ShopperAction.Search, 3)]);

        Assert.Equal(ShopperAction.Home, mix.Pick(0));
        Assert.Equal(ShopperAction.Search, mix.Pick(0.25));
        Assert.Equal(ShopperAction.Search, mix.Pick(Math.BitDecrement(1.0)));
    }

    [Fact]
    public void An_action_with_no_weight_is_never_picked()
    {
        var mix = new WorkloadMix([(ShopperAction.Home, 1), (ShopperAction.Checkout, 0), (ShopperAction.Search, 1)]);

        Assert.DoesNotContain(ShopperAction.Checkout, Enumerable.Range(0, 1000).Select(i => mix.Pick(i / 1000.0)));
    }

    [Fact]
    public void A_mix_without_positive_weights_or_a_number_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WorkloadMix([(ShopperAction.Home, 0)]));
        Assert.Throws<ArgumentException>(() => new WorkloadMix([(ShopperAction.Home, 2), (ShopperAction.Search, -1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkloadMix.OnlineBoutiqueWithSearch.Pick(1.0));
    }

    [Fact]
    public void Percentiles_take_the_nearest_rank_of_the_unsorted_samples()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        Assert.Equal(50, WorkloadMix.Percentile(samples, 50));
        Assert.Equal(95, WorkloadMix.Percentile(samples, 95));
        Assert.Equal(99, WorkloadMix.Percentile(samples, 99));
        Assert.Equal(7, WorkloadMix.Percentile([7.0], 99));
        Assert.True(double.IsNaN(WorkloadMix.Percentile([], 50)));
    }

    [Fact]
    public void The_median_of_an_even_number_of_windows_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(15, WorkloadMix.Median([20.0, 10.0]));
        Assert.Equal(3, WorkloadMix.Median([5.0, 1.0, 3.0]));
    }
}
