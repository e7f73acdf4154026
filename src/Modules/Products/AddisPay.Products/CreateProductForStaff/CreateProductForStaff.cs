using System.ComponentModel.DataAnnotations;
using AddisPay.Products.CreateProduct;

namespace AddisPay.Products.CreateProductForStaff;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>
/// The back office's new product: the API's rules (<see cref="CreateProductRequest"/>, <see cref="VariantRequest"/>) with
/// their field names, and the form's key, so a double submit makes one product and the second answer is the first's.
/// </summary>
internal sealed class CreateProductForStaffHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock, Data.IProductImageStore images)
    : ICommandHandler<CreateProductForStaff, StaffProductChanged>
{
    public async ValueTask<StaffProductChanged> Handle(CreateProductForStaff command, CancellationToken ct)
    {
        var key = command.IdempotencyKey?.Trim() ?? "";
        if (key.Length is < 8 or > 100) throw new ValidationFailedException("idempotencyKey", "Send the form's key (8-100 characters).");
        if (await db.Products.Where(p => p.CreationKey == key).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) is { } made)
            return new StaffProductChanged(await StaffProducts.ViewAsync((await StaffProducts.LoadAsync(db, made, ct))!, images, ct), null, Replayed: true);

        var request = new CreateProductRequest(command.Name?.Trim() ?? "", command.NameAm?.Trim() ?? "", Blank(command.Description), Blank(command.DescriptionAm),
            Blank(command.Brand), CategorySlug: Blank(command.CategorySlug),
            Variants: (command.Variants ?? []).Select(v => new VariantRequest(v.Sku?.Trim() ?? "",
                v.Options?.Where(o => !string.IsNullOrWhiteSpace(o.Key) && !string.IsNullOrWhiteSpace(o.Value)).ToDictionary(o => o.Key.Trim(), o => o.Value.Trim()),
                v.PriceEtb, v.Stock)).ToList());
        var errors = FieldErrors(request);
        if (command.Variants is not { Count: > 0 }) errors["variants"] = ["Add at least one variant."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var created = await new CreateProductHandler(db, work, clock).Handle(new CreateProductCommand(request, $"admin:{command.StaffId}", key), ct);
        var product = (await StaffProducts.LoadAsync(db, created.Id, ct))!;
        return new StaffProductChanged(await StaffProducts.ViewAsync(product, images, ct), null, Replayed: false);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Every field's errors at once: the attributes' and the request's own rules (per variant), which the validator alone
    /// runs only when the attributes pass, so a form shows all its mistakes on the first submit.
    /// </summary>
    internal static Dictionary<string, string[]> FieldErrors(IValidatableObject request)
    {
        var errors = Validation.Errors(request);
        foreach (var rule in request.Validate(new ValidationContext(request)))
            foreach (var member in rule.MemberNames.DefaultIfEmpty(""))
                errors[member] = errors.TryGetValue(member, out var known)
                    ? known.Append(rule.ErrorMessage ?? "Invalid.").Distinct().ToArray()
                    : [rule.ErrorMessage ?? "Invalid."];
        return errors;
    }
}
