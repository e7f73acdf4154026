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
    /// conforms or no longer exists. Empty since Notifications' delivery and templates moved to Domain/, DeliverMessages/
    /// and Gateways/, and Payments' gateways got the Gateways/ folder of the convention.
    /// </summary>
    private static readonly Dictionary<string, string> NotYetConverted = new();

    /// <summary>
    /// Use-case folders (relative to src/Modules) whose file still holds several use cases. Empty since the Contracts façades
    /// (Orders' customer and staff requests, Products' staff catalogue and stock) and the pairs of an API request and a back
    /// office's Contracts request for the same action got one folder per request (issue 20 item 4). The list only shrinks:
    /// <see cref="Every_listed_several_use_case_file_still_holds_several_so_the_list_only_shrinks"/>.
    /// </summary>
    private static readonly HashSet<string> SeveralUseCasesInOneFile = [];

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

    [Theory]
    [MemberData(nameof(BusinessModules))]
    public void A_modules_gateway_adapters_map_no_routes(string module)
    {
        var offenders = FolderConvention.GatewaysMappingRoutes(Solution.Load($"AddisPay.{module}"));
        Assert.True(offenders.Count == 0,
            "An adapter in Gateways/ talks to its outside system; a page or callback the outside world calls is a use case with a folder of its own: "
            + string.Join(", ", offenders));
    }

    [Theory]
    [MemberData(nameof(BusinessModules))]
    public void A_use_case_file_holds_one_use_case(string module)
    {
        var broken = UseCaseFilesOf(module)
            .Where(f => !SeveralUseCasesInOneFile.Contains($"{module}/{f.Folder}"))
            .Select(f => FolderConvention.CheckOneUseCase(f.Folder, f.Source))
            .OfType<FolderConvention.Violation>()
            .Select(v => $"src/Modules/{module}/AddisPay.{module}/{v.Where}: {v.Rule}")
            .ToList();
        Assert.True(broken.Count == 0, "One use case = one folder = one file (docs/architecture.md):\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_listed_several_use_case_file_still_holds_several_so_the_list_only_shrinks()
    {
        var stale = SeveralUseCasesInOneFile.Where(entry =>
        {
            var module = entry[..entry.IndexOf('/')];
            var folder = entry[(entry.IndexOf('/') + 1)..];
            return !UseCaseFilesOf(module).Any(f => f.Folder == folder && FolderConvention.CheckOneUseCase(f.Folder, f.Source) is not null);
        }).ToList();
        Assert.True(stale.Count == 0, "Holds one use case now (or is gone); remove it from the list: " + string.Join(", ", stale));
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
    public void A_gateway_tree_deeper_than_one_folder_per_outside_system_is_caught()
    {
        var found = FolderConvention.Check("Payments", ["PaymentsModule.cs", "Domain/Payment.cs", "Gateways/IPaymentGateway.cs", "Gateways/Telebirr/Keys/TelebirrKeys.cs"]);
        Assert.Contains(found, v => v.Where == "Gateways" && v.Rule.Contains("Gateways/Telebirr/Keys/TelebirrKeys.cs"));
    }

    [Fact]
    public void A_gateway_adapter_mapping_a_route_is_caught() =>
        Assert.Contains("AddisPay.Rogue.Gateways.Courier.RogueCourierGateway", FolderConvention.GatewaysMappingRoutes(typeof(AddisPay.Rogue.RogueCheckout).Assembly));

    [Fact]
    public void A_use_case_file_handling_two_requests_is_caught()
    {
        const string source = """
            internal sealed class ListUsersHandler : IQueryHandler<ListUsersQuery, UserPage> { }
            internal sealed class SetLockHandler : ICommandHandler<SetLockCommand, UserSummary> { }
            """;
        Assert.Contains("SetLockCommand", FolderConvention.CheckOneUseCase("Admin", source)?.Rule);
    }

    [Fact]
    public void A_use_case_file_mapping_two_routes_without_a_request_is_caught()
    {
        const string source = """
            api.MapPost("/webhooks/{gateway}", (HttpRequest request) => Results.Ok());
            api.MapGet("/callbacks/chapa", (string reference) => Results.Ok());
            """;
        Assert.Contains("/callbacks/chapa", FolderConvention.CheckOneUseCase("Webhooks", source)?.Rule);
    }

    [Fact]
    public void A_use_case_with_one_request_sent_from_two_routes_passes()
    {
        const string source = """
            internal sealed class SetLockHandler : ICommandHandler<SetLockCommand, UserSummary> { }
            admin.MapPost("/{userId:guid}/lock", (Guid userId, ISender sender) => sender.Send(new SetLockCommand(userId, true)));
            admin.MapPost("/{userId:guid}/unlock", (Guid userId, ISender sender) => sender.Send(new SetLockCommand(userId, false)));
            """;
        Assert.Null(FolderConvention.CheckOneUseCase("SetUserLock", source));
    }

    [Fact]
    public void A_module_laid_out_by_the_convention_passes() =>
        Assert.Empty(FolderConvention.Check("Cart", [
            "CartModule.cs", "Domain/Cart.cs", "Domain/CartAccess.cs", "Data/ICartStore.cs", "Data/Migrations/Initial.cs",
            "Data/CartSql.cs", "AddItem/AddItem.cs", "ChangeQuantity/ChangeQuantity.cs",
            "Gateways/IPaymentGateway.cs", "Gateways/SmtpMailer.cs", "Gateways/Telebirr/TelebirrGateway.cs", "Gateways/Telebirr/TelebirrTokens.cs"]));

    [Fact]
    public void An_endpoint_taking_a_DbContext_is_caught()
    {
        var offenders = FolderConvention.EndpointsTakingData(typeof(AddisPay.Rogue.RogueCheckout).Assembly);
        Assert.Contains("AddisPay.Rogue.Endpoints.RogueEndpoints", offenders);
        Assert.DoesNotContain("AddisPay.Rogue.Endpoints.SendingEndpoints", offenders);
    }

    private static IEnumerable<(string Folder, string Source)> UseCaseFilesOf(string module)
    {
        var project = Path.Combine(Solution.Root, "src", "Modules", module, $"AddisPay.{module}");
        foreach (var file in FilesOf(module).Where(f => f.Count(c => c == '/') == 1))
        {
            var folder = file[..file.IndexOf('/')];
            if (folder is FolderConvention.ModelFolder or FolderConvention.DataFolder or FolderConvention.GatewaysFolder || file != $"{folder}/{folder}.cs") continue;
            yield return (folder, File.ReadAllText(Path.Combine(project, file)));
        }
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
