using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using Microsoft.Extensions.Hosting;

namespace AddisPay.UnitTests.Shared.Events;

public sealed class FailingHandlersTests
{
    private sealed class RepriceLines;
    private sealed class NotifyWatchers;

    private static readonly ProductPriceChanged Event = new(Guid.NewGuid(), 100m, 120m);

    [Fact]
    public void A_handler_named_for_its_module_throws_and_the_same_handler_of_another_module_does_not()
    {
        var failing = new FailingHandlers([]);
        failing.Set("cart", ["RepriceLines"]);

        Assert.Throws<BrokenOnPurposeException>(() => failing.ThrowIfBroken("cart", typeof(RepriceLines), Event));
        failing.ThrowIfBroken("search", typeof(RepriceLines), Event);
        failing.ThrowIfBroken("cart", typeof(NotifyWatchers), Event);
    }

    [Fact]
    public void An_event_name_breaks_every_handler_of_that_event()
    {
        var failing = new FailingHandlers([]);
        failing.Set("cart", ["Products.Product_Price_Changed"]);

        Assert.Throws<BrokenOnPurposeException>(() => failing.ThrowIfBroken("cart", typeof(NotifyWatchers), Event));
    }

    [Fact]
    public void An_empty_list_fixes_what_the_module_broke_but_the_configured_names_stay_broken_in_every_module()
    {
        var failing = new FailingHandlers(["NotifyWatchers", " "]);
        failing.Set("cart", ["RepriceLines"]);
        failing.Set("cart", []);

        failing.ThrowIfBroken("cart", typeof(RepriceLines), Event);
        Assert.Equal(["NotifyWatchers"], failing.Of("cart"));
        Assert.Throws<BrokenOnPurposeException>(() => failing.ThrowIfBroken("orders", typeof(NotifyWatchers), Event));
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    public void Handlers_can_be_broken_on_purpose_only_in_development_and_testing(string environment, bool allowed) =>
        Assert.Equal(allowed, FailingHandlers.Allowed(new Environment(environment)));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "AddisPay";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
