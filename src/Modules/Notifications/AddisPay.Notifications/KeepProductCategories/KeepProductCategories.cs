using AddisPay.Products.Contracts;
using Npgsql;

namespace AddisPay.Notifications.KeepProductCategories;

/// <summary>Keeps each product's category path (root first), so a campaign can reach past buyers of a category.</summary>
internal sealed class ProductCategories(ModuleWork<AddisPay.Notifications.Data.NotificationsDbContext> work) : IIntegrationEventHandler<ProductPublished>, IIntegrationEventHandler<ProductUpdated>
{
    public Task HandleAsync(ProductPublished e, IntegrationEventContext context, CancellationToken ct) => UpsertAsync(context, e.ProductId, e.Category, ct);

    public Task HandleAsync(ProductUpdated e, IntegrationEventContext context, CancellationToken ct) => UpsertAsync(context, e.ProductId, e.Category, ct);

    private async Task UpsertAsync(IntegrationEventContext context, Guid productId, CategoryPath? category, CancellationToken ct)
    {
        await AddisPay.Notifications.Data.CustomerDataSql.KeepCategoriesAsync(work, productId, category?.Slugs.ToArray() ?? [], ct);
    }
}
