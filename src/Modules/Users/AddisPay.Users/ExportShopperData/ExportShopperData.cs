using System.Text.Json;
using AddisPay.Shared.Messaging;
using AddisPay.Users.ExportAccount;

namespace AddisPay.Users.ExportShopperData;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's account page downloading the shopper's data: the very export the API answers, as an indented JSON file.</summary>
internal sealed class ExportShopperDataHandler(ISender sender) : IQueryHandler<ExportShopperData, ShopperDataExport>
{
    private static readonly JsonSerializerOptions Download = new(InternalApi.Json) { WriteIndented = true };

    public async ValueTask<ShopperDataExport> Handle(ExportShopperData query, CancellationToken ct) =>
        new(JsonSerializer.Serialize(await sender.Send(new ExportAccountQuery(query.UserId), ct), Download));
}
