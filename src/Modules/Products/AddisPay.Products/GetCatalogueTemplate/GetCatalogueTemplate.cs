using System.Text.Json;
using AddisPay.Products.ImportProducts;

namespace AddisPay.Products.GetCatalogueTemplate;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>An example file, csv or json, in the shape the catalogue import reads.</summary>
internal sealed class GetCatalogueTemplateHandler : IQueryHandler<GetCatalogueTemplate, string>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ValueTask<string> Handle(GetCatalogueTemplate query, CancellationToken ct) => query.Format switch
    {
        CatalogueFormats.Csv => ValueTask.FromResult(CatalogueCsv.Header() + CatalogueCsv.Rows(CatalogueCsv.Example)),
        CatalogueFormats.Json => ValueTask.FromResult(JsonSerializer.Serialize(new[] { CatalogueCsv.Example }, new JsonSerializerOptions(Json) { WriteIndented = true })),
        _ => throw new ValidationFailedException("format", "A template is csv or json.")
    };
}
