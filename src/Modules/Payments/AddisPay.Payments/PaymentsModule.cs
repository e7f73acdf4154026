using System.Reflection;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.NeedingAttention;
using AddisPay.Payments.SettleByHand;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Gateways;
using AddisPay.Payments.Gateways.Chapa;
using AddisPay.Payments.Gateways.Sandbox;
using AddisPay.Payments.SandboxCheckout;
using AddisPay.Payments.Gateways.Telebirr;
using AddisPay.Payments.PaymentHistory;
using AddisPay.Payments.CustomerPrivacy;
using AddisPay.Payments.ReconcilePayments;
using AddisPay.Payments.CarryOutRefunds;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using AddisPay.Payments.Webhooks;
using AddisPay.Payments.ChapaCallback;
using AddisPay.Payments.ShowInvoice;
using AddisPay.Payments.ShowCreditNote;
using AddisPay.Payments.CreditNotesOfOrder;

namespace AddisPay.Payments;

/// <summary>
/// Payments: attempts per order at a gateway (sandbox, Chapa, telebirr), verified webhooks, reconciliation of lost
/// webhooks, refunds and numbered receipts. Schema `payments`, EF Core. Talks to Orders only by events.
/// </summary>
public sealed class PaymentsModule : IModule
{
    public string Name => ModuleNames.Payments;
    public Assembly Contracts => typeof(Contracts.StartPayment).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<PaymentsDbContext>()
            .SkipStatistics("payments", "Bill", "Payer", "CheckoutUrl")
            .SkipStatistics("invoices", "Bill", "Payer")
            .SkipStatistics("credit_notes", "Lines", "Payer")
            .SkipStatistics("webhook_receipts", "BodySha256");
        var local = module.Environment.IsDevelopment() || module.Environment.IsEnvironment("Testing");
        module.Services.AddOptions<PaymentsOptions>().Bind(module.Configuration.GetSection("AddisPay:Payments"))
            .PostConfigure(o =>
            {
                if (o.ReturnOrigins.Count == 0 && local) o.ReturnOrigins.AddRange(PaymentsOptions.LocalReturnOrigins);
            })
            .Validate(o => o.ReturnOrigins.All(origin => StorefrontReturn.ParseOrigin(origin) is not null),
                "AddisPay:Payments:ReturnOrigins holds only http(s) origins, like https://shop.addispay.et (no path).")
            .ValidateOnStart();
        module.Services.AddSingleton<StorefrontReturn>();
        module.Services.AddHttpClient<ChapaGateway>();
        module.Services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<ChapaGateway>());
        module.Services.AddSingleton<TelebirrTokens>(); // one fabric token per process, reused until shortly before it expires
        module.Services.AddHttpClient<TelebirrGateway>();
        module.Services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<TelebirrGateway>());
        module.Services.AddScoped<SandboxGateway>();
        module.Services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
        module.Services.AddScoped<GatewayDirectory>();
        module.Services.AddScoped<Invoicing>();
        module.Services.AddScoped<PaymentConfirmation>();
        module.Services.AddScoped<WebhookIntake>();
        module.Subscribe<RefundIssued, CarryOutRefunds.CarryOutRefunds>();
        module.Subscribe<AddisPay.Users.Contracts.UserDeleted, AnonymisePayerOfDeletedCustomer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapWebhooks();
        api.MapChapaCallback();
        api.MapSandboxCheckout();
        api.MapPaymentHistory();
        api.MapReconcilePayments();
        api.MapInvoices();
        api.MapShowCreditNote();
        api.MapCreditNotesOfOrder();
        api.MapPaymentsNeedingAttention();
        api.MapSettleByHand();
    }
}
