using AddisPay.Notifications.WatchProduct;

namespace AddisPay.Notifications.WatchBackInStock;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Notifications.Contracts;

/// <summary>A watch asked for by another module (the storefront's product page) for a signed-in customer.</summary>
internal sealed class WatchBackInStockHandler(ISender sender) : ICommandHandler<WatchBackInStock, BackInStockWatch>
{
    public async ValueTask<BackInStockWatch> Handle(WatchBackInStock command, CancellationToken ct)
    {
        var sku = string.IsNullOrWhiteSpace(command.Sku) ? null : command.Sku.Trim();
        if (sku is { Length: > 64 }) throw new ValidationFailedException("sku", "A SKU is at most 64 characters.");
        var watch = await sender.Send(new WatchProductCommand(command.UserId, command.ProductId, sku), ct);
        return new BackInStockWatch(watch.ProductId, watch.Sku);
    }
}
