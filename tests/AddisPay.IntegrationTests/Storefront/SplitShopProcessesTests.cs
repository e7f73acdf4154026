namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The split shop's processes keep every Contracts call crossing a process (<see cref="StorefrontShop.SplitProcesses"/>).</summary>
public sealed class SplitShopProcessesTests
{
    [Fact]
    public void No_two_modules_sharing_a_process_of_the_split_shop_send_requests_to_each_other() =>
        Assert.Empty(StorefrontShop.CallsWithinAProcess(StorefrontShop.SplitProcesses));

    [Fact]
    public void Every_module_of_the_split_shop_runs_in_exactly_one_of_its_processes() =>
        Assert.Equal(StorefrontShop.SplitModules.Order(), StorefrontShop.SplitProcesses.SelectMany(p => p).Order());

    [Fact]
    public void A_process_holding_a_module_and_one_it_calls_is_caught()
    {
        var graph = StorefrontShop.RequestGraph();
        Assert.Contains("products", graph["orders"]);
        Assert.Equal(["orders -> products"], StorefrontShop.CallsWithinAProcess([["orders", "products"], ["storefront"]]));
    }
}
