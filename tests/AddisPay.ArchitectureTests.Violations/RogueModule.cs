using AddisPay.Products;

namespace AddisPay.Rogue
{
    /// <summary>A "module" that reaches into Products' implementation instead of its Contracts.</summary>
    public sealed class RogueCheckout
    {
        public decimal PriceOf(ProductView product) => product.PriceEtb;
    }
}

namespace AddisPay.Rogue.Contracts
{
    /// <summary>A "Contracts" type that leaks infrastructure (the event log) into a module's public face.</summary>
    public sealed record RogueRequest(AddisPay.Shared.Events.EventLog Log);
}

namespace AddisPay.Shared.Rogue
{
    /// <summary>A "shared" type that knows a module.</summary>
    public sealed class RogueHelper
    {
        public string Describe(ProductsModule module) => module.Name;
    }
}
