using System.Reflection;
using AddisPay.Notifications.AccountEmails;
using AddisPay.Notifications.NotifyWatchers;
using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.DeliverMessages;
using AddisPay.Notifications.Gateways;
using AddisPay.Notifications.ListMessages;
using AddisPay.Notifications.ResendMessage;
using AddisPay.Notifications.OrderUpdates;
using AddisPay.Notifications.EraseCustomer;
using AddisPay.Notifications.CancelCampaign;
using AddisPay.Notifications.ChangeCampaign;
using AddisPay.Notifications.ComposeCampaign;
using AddisPay.Notifications.CreateCampaign;
using AddisPay.Notifications.DispatchCampaigns;
using AddisPay.Notifications.GetCampaign;
using AddisPay.Notifications.GetCampaignResults;
using AddisPay.Notifications.KeepProductCategories;
using AddisPay.Notifications.ListCampaigns;
using AddisPay.Notifications.PreviewCampaign;
using AddisPay.Notifications.ScheduleCampaign;
using AddisPay.Notifications.Unsubscribe;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Modules;
using AddisPay.Users.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using AddisPay.Notifications.WatchProduct;
using AddisPay.Notifications.ListWatches;
using AddisPay.Notifications.StopWatching;

namespace AddisPay.Notifications;

/// <summary>
/// Notifications: email (SMTP) and SMS (Africa's Talking) in English and Amharic, driven by other modules'
/// events, from a delivery log with retries and a dead-letter state; back-in-stock watches; promotional
/// campaigns with quiet hours, a bounded rate and signed unsubscribe links. Schema `notifications`, EF Core.
/// </summary>
public sealed class NotificationsModule : IModule
{
    /// <summary>Signs unsubscribe links on developer machines and in tests only; production must configure its own key.</summary>
    private const string DevelopmentUnsubscribeKey = "development-only-unsubscribe-key-for-addispay";

    public string Name => ModuleNames.Notifications;
    public Assembly Contracts => typeof(Channels).Assembly;

    public void Register(ModuleRegistration module)
    {
        var local = module.Environment.IsDevelopment() || module.Environment.IsEnvironment("Testing");
        var internalKey = module.Configuration["AddisPay:InternalKey"];
        module.Services.AddOptions<NotificationsOptions>().Bind(module.Configuration.GetSection(NotificationsOptions.Section))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrEmpty(o.UnsubscribeKey)) return;
                // Without a key of its own, the links are signed with a key derived from the platform's internal secret
                // (every pod has it; the label keeps the two uses apart), so no extra Secret is needed to deploy.
                if (!string.IsNullOrEmpty(internalKey))
                    o.UnsubscribeKey = Convert.ToBase64String(System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256,
                        System.Text.Encoding.UTF8.GetBytes(internalKey), 32, info: "addispay:notifications:unsubscribe-links"u8.ToArray()));
                else if (local) o.UnsubscribeKey = DevelopmentUnsubscribeKey;
            })
            .Validate(o => o.Delivery.Concurrency is >= 1 and <= 64, "AddisPay:Notifications:Delivery:Concurrency must be between 1 and 64.")
            .Validate(o => o.Delivery.LeaseMarginMs >= 1000, "AddisPay:Notifications:Delivery:LeaseMarginMs must be at least 1000.")
            .Validate(o => o.UnsubscribeKey.Length >= 32, "AddisPay:Notifications:UnsubscribeKey (at least 32 characters) or AddisPay:InternalKey must be set to sign unsubscribe links.")
            .ValidateOnStart();

        module.AddRelationalData<NotificationsDbContext>()
            .SkipStatistics("messages", "Subject", "Body", "HtmlBody");
        module.Services.AddSingleton<MessageTemplates>();
        module.Services.AddSingleton<QuietHours>();
        module.Services.AddSingleton<DeliveryLog>();
        module.Services.AddSingleton<Notifier>();
        module.Services.AddSingleton<UnsubscribeTokens>();
        module.Services.AddScoped<SmtpMailer>(); // one SMTP connection per delivery round
        // No retry handler here: the delivery worker retries, and a second layer would send an SMS twice.
        module.Services.AddHttpClient<ISmsProvider, AfricasTalkingSms>((sp, http) =>
            http.Timeout = TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Sms.TimeoutMs));
        module.Services.AddHostedService<DeliveryWorker>();
        module.Services.AddHostedService<CampaignDispatcher>();

        module.Subscribe<EmailVerificationRequested, AccountEmails.AccountEmails>()
            .Subscribe<PasswordResetRequested, AccountEmails.AccountEmails>()
            .Subscribe<RegistrationAttempted, AccountEmails.AccountEmails>()
            .Subscribe<OrderPlaced, OrderUpdates.OrderUpdates>()
            .Subscribe<OrderPaid, OrderUpdates.OrderUpdates>()
            .Subscribe<OrderShipped, OrderUpdates.OrderUpdates>()
            .Subscribe<OrderDelivered, OrderUpdates.OrderUpdates>()
            .Subscribe<OrderCancelled, OrderUpdates.OrderUpdates>()
            .Subscribe<OrderRefunded, OrderUpdates.OrderUpdates>()
            .Subscribe<PaymentFailed, OrderUpdates.OrderUpdates>()
            .Subscribe<OrderLinesCancelled, OrderUpdates.OrderUpdates>()
            .Subscribe<CreditNoteIssued, OrderUpdates.OrderUpdates>()
            .Subscribe<ReturnRequested, OrderUpdates.OrderUpdates>()
            .Subscribe<ReturnApproved, OrderUpdates.OrderUpdates>()
            .Subscribe<ReturnRefused, OrderUpdates.OrderUpdates>()
            .Subscribe<ReturnReceived, OrderUpdates.OrderUpdates>()
            .Subscribe<StockReplenished, NotifyWatchers.NotifyWatchers>()
            .Subscribe<ProductPublished, ProductCategories>()
            .Subscribe<ProductUpdated, ProductCategories>()
            .Subscribe<UserDeleted, EraseCustomer.EraseCustomer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapWatchProduct();
        api.MapListWatches();
        api.MapStopWatching();
        api.MapCreateCampaign();
        api.MapGetCampaign();
        api.MapComposeCampaign();
        api.MapChangeCampaign();
        api.MapScheduleCampaign();
        api.MapCancelCampaign();
        api.MapListCampaigns();
        api.MapGetCampaignResults();
        api.MapPreviewCampaign();
        api.MapUnsubscribe();
        api.MapListMessages();
        api.MapResendMessage();
    }
}
