namespace AddisPay.Cart.Data;

/// <summary>The Cart module's own Marten store (schema `cart`); no other module can resolve it.</summary>
public interface ICartStore : IDocumentStore;
