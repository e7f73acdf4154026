using Microsoft.Extensions.Options;

namespace AddisPay.Products.GetProductImageRules;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>What the upload takes, for the form's hint.</summary>
internal sealed class GetProductImageRulesHandler(IOptions<ProductImageOptions> options) : IQueryHandler<GetProductImageRules, ProductImageRules>
{
    public ValueTask<ProductImageRules> Handle(GetProductImageRules query, CancellationToken ct) =>
        ValueTask.FromResult(new ProductImageRules(options.Value.MaxBytes, ["image/jpeg", "image/png", "image/webp"]));
}
