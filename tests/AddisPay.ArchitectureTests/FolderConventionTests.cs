using Xunit;

namespace AddisPay.ArchitectureTests;

/// <summary>
/// Every business module project is laid out the same way (issue 20 item 4; <see cref="FolderConvention"/>): a newcomer
/// finds the model in Domain/, persistence in Data/, and a use case in the folder named after it. The UI modules
/// (Storefront, BackOffice) keep their page layout and are not checked.
/// </summary>
public sealed class FolderConventionTests
{
    private static readonly string[] UiModules = ["BackOffice", "Storefront"];

    /// <summary>
    /// Folders (relative to src/Modules) not yet converted, each with its reason. The list only shrinks:
    /// <see cref="Every_listed_exception_still_breaks_the_convention_so_the_list_only_shrinks"/> fails on an entry that
    /// conforms or no longer exists.
    /// </summary>
    private static readonly Dictionary<string, string> NotYetConverted = new()
    {
        // The campaigns' use cases use these namespaces (MessageStatus, DeliveryLog, QuietHours, NotificationOptions,
        // MessageTemplates): splitting them into Domain/ and use cases is the next step of the convention here.
        ["Notifications/Delivery"] = WaitsForPromotions,
        ["Notifications/Templates"] = WaitsForPromotions,
        // The gateway adapters (Chapa, telebirr, the sandbox and its checkout page) are neither model nor one use case; where
        // adapters to outside systems live (Domain/Gateways? a third fixed folder?) is a decision for the convention, not a move.
        ["Payments/Gateways"] = "adapters to outside systems have no place in the convention yet; the sandbox's checkout page still reads the DbContext",
    };

    private const string WaitsForPromotions = "the campaigns' and deliveries' use cases depend on this namespace; not yet split into Domain/ and use cases";

    public static TheoryData<string> BusinessModules()
    {
        var data = new TheoryData<string>();
        foreach (var module in Solution.Modules.Where(m => !UiModules.Contains(m.Name))) data.Add(module.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(BusinessModules))]
    public void A_module_keeps_its_model_in_Domain_its_persistence_in_Data_and_one_use_case_per_folder(string module)
    {
        var broken = FolderConvention.Check(module, FilesOf(module))
            .Where(v => !NotYetConverted.ContainsKey($"{module}/{v.Where}"))
            .Select(v => $"src/Modules/{module}/AddisPay.{module}/{v.Where}: {v.Rule}")
            .ToList();
        Assert.True(broken.Count == 0, "Lay these out by the folder convention (docs/architecture.md):\n" + string.Join("\n", broken));
    }

    [Theory]
    [MemberData(nameof(BusinessModules))]
    public void A_modules_endpoints_send_requests_instead_of_taking_a_DbContext(string module)
    {
        var offenders = FolderConvention.EndpointsTakingData(Solution.Load($"AddisPay.{module}"))
            .Where(type => !NotYetConverted.Keys.Any(folder => type.StartsWith("AddisPay." + folder.Replace('/', '.') + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.True(offenders.Count == 0,
            "An endpoint validates, states its access and sends a command or query; the handler takes the DbContext: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_listed_exception_still_breaks_the_convention_so_the_list_only_shrinks()
    {
        var stale = NotYetConverted.Keys.Where(entry =>
        {
            var module = entry[..entry.IndexOf('/')];
            return !FolderConvention.Check(module, FilesOf(module)).Any(v => $"{module}/{v.Where}" == entry);
        }).ToList();
        Assert.True(stale.Count == 0, "Conforms now (or is gone); remove it from the list: " + string.Join(", ", stale));
    }

    // Proof each rule can fail: bad layouts fed to the same rules.

    [Fact]
    public void A_model_folder_with_a_name_of_its_own_is_caught()
    {
        var found = FolderConvention.Check("Cart", ["CartModule.cs", "Baskets/Cart.cs", "AddItem/AddItem.cs"]);
        Assert.Contains(found, v => v.Where == "Domain");
        Assert.Contains(found, v => v.Where == "Baskets");
    }

    [Fact]
    public void A_sql_family_outside_Data_is_caught()
    {
        var found = FolderConvention.Check("Orders", ["OrdersModule.cs", "Domain/Order.cs", "Domain/OrderSql.cs", "Data/OrdersDbContext.cs"]);
        Assert.Contains(found, v => v.Where == "Domain" && v.Rule.Contains("Domain/OrderSql.cs"));
    }

    [Fact]
    public void A_capability_folder_holding_several_use_cases_is_caught()
    {
        var found = FolderConvention.Check("Payments", ["PaymentsModule.cs", "Domain/Payment.cs", "Billing/InvoiceEndpoints.cs", "Billing/CreditNotes.cs"]);
        Assert.Contains(found, v => v.Where == "Billing");
    }

    [Fact]
    public void A_use_case_folder_with_a_second_file_is_caught()
    {
        var found = FolderConvention.Check("Cart", ["CartModule.cs", "Domain/Cart.cs", "Repricing/Repricing.cs", "Repricing/TrackAvailability.cs"]);
        Assert.Contains(found, v => v.Where == "Repricing" && v.Rule.Contains("Repricing/TrackAvailability.cs"));
    }

    [Fact]
    public void A_model_type_at_the_module_root_is_caught()
    {
        var found = FolderConvention.Check("Products", ["ProductsModule.cs", "ProductView.cs", "Domain/Product.cs"]);
        Assert.Contains(found, v => v.Where == "ProductView.cs");
    }

    [Fact]
    public void A_module_laid_out_by_the_convention_passes() =>
        Assert.Empty(FolderConvention.Check("Cart", [
            "CartModule.cs", "Domain/Cart.cs", "Domain/CartAccess.cs", "Data/ICartStore.cs", "Data/Migrations/Initial.cs",
            "Data/CartSql.cs", "AddItem/AddItem.cs", "ChangeQuantity/ChangeQuantity.cs"]));

    [Fact]
    public void An_endpoint_taking_a_DbContext_is_caught()
    {
        var offenders = FolderConvention.EndpointsTakingData(typeof(AddisPay.Rogue.RogueCheckout).Assembly);
        Assert.Contains("AddisPay.Rogue.Endpoints.RogueEndpoints", offenders);
        Assert.DoesNotContain("AddisPay.Rogue.Endpoints.SendingEndpoints", offenders);
    }

    private static List<string> FilesOf(string module)
    {
        var project = Path.Combine(Solution.Root, "src", "Modules", module, $"AddisPay.{module}");
        return Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(project, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
            .ToList();
    }
}
