using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Users.Contracts;
using Npgsql;

namespace AddisPay.Notifications.OrderUpdates;

/// <summary>
/// Tells customers what happens to their orders and payments, by email and SMS, in their language, when they
/// keep order updates on. What other features need (order numbers, purchases) is recorded either way. The writes
/// are queued and go with the inbox transaction's others in one round trip.
/// </summary>
internal sealed class OrderUpdates(ModuleWork<AddisPay.Notifications.Data.NotificationsDbContext> work, Notifier notifier, ISender sender) :
    IIntegrationEventHandler<OrderPlaced>, IIntegrationEventHandler<OrderPaid>, IIntegrationEventHandler<OrderShipped>,
    IIntegrationEventHandler<OrderDelivered>, IIntegrationEventHandler<OrderCancelled>, IIntegrationEventHandler<OrderRefunded>,
    IIntegrationEventHandler<PaymentFailed>, IIntegrationEventHandler<OrderLinesCancelled>, IIntegrationEventHandler<CreditNoteIssued>,
    IIntegrationEventHandler<ReturnRequested>, IIntegrationEventHandler<ReturnApproved>, IIntegrationEventHandler<ReturnRefused>,
    IIntegrationEventHandler<ReturnReceived>, IDefersWrites
{
    public async Task HandleAsync(OrderPlaced e, IntegrationEventContext context, CancellationToken ct)
    {
        CustomerDataSql.DeferOrder(context, e.OrderId, e.OrderNumber, e.CustomerId);
        await NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.OrderPlaced, language => new()
        {
            ["order"] = e.OrderNumber,
            ["items"] = string.Join(", ", e.Lines.Select(l => $"{l.Quantity} × {(language == "am" ? l.NameAm : l.Name)}")),
            ["total"] = Notifier.Money(e.Amounts.TotalEtb),
            ["due"] = Notifier.LocalTime(e.PaymentDueBy),
        }, ct);
    }

    public async Task HandleAsync(OrderPaid e, IntegrationEventContext context, CancellationToken ct)
    {
        foreach (var productId in e.Lines.Select(l => l.ProductId).Distinct())
            CustomerDataSql.DeferPurchase(context, e.OrderId, productId, e.CustomerId, e.OccurredAt);
        await NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.OrderPaid, _ => new()
        {
            ["order"] = e.OrderNumber, ["total"] = Notifier.Money(e.TotalEtb), ["reference"] = e.PaymentReference,
        }, ct);
    }

    public Task HandleAsync(OrderShipped e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.OrderShipped, _ => new()
        {
            ["order"] = e.OrderNumber, ["carrier"] = e.Carrier, ["tracking"] = e.TrackingNumber,
        }, ct);

    public Task HandleAsync(OrderDelivered e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.OrderDelivered, _ => new() { ["order"] = e.OrderNumber }, ct);

    public Task HandleAsync(OrderCancelled e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.OrderCancelled, language => new()
        {
            ["order"] = e.OrderNumber, ["reason"] = CancellationReason(e.Reason, language), ["was_paid"] = e.WasPaid,
        }, ct);

    public Task HandleAsync(OrderRefunded e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.OrderRefunded, _ => new()
        {
            ["order"] = e.OrderNumber, ["amount"] = Notifier.Money(e.AmountEtb), ["refunded_total"] = Notifier.Money(e.RefundedTotalEtb), ["full"] = e.Full,
        }, ct);

    public Task HandleAsync(OrderLinesCancelled e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.OrderLinesCancelled, language => new()
        {
            ["order"] = e.OrderNumber, ["amount"] = Notifier.Money(e.RefundEtb),
            ["items"] = string.Join(", ", e.Lines.Select(l => $"{l.Quantity} × {(language == "am" ? l.NameAm : l.Name)}")),
        }, ct);

    public Task HandleAsync(CreditNoteIssued e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.CreditNoteIssued, language => new()
        {
            ["order"] = e.OrderNumber, ["number"] = e.Number, ["receipt"] = e.ReceiptNumber, ["total"] = Notifier.Money(e.TotalEtb),
            ["net"] = Notifier.Money(e.NetEtb), ["vat"] = Notifier.Money(e.VatEtb), ["shipping"] = e.ShippingEtb > 0,
            ["items"] = string.Join(", ", e.Lines.Select(l => $"{l.Quantity} × {(language == "am" ? l.DescriptionAm : l.Description)}")),
        }, ct);

    public Task HandleAsync(ReturnRequested e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.ReturnRequested, language => new()
        {
            ["order"] = e.OrderNumber, ["items"] = Items(e.Lines, language),
        }, ct);

    public Task HandleAsync(ReturnApproved e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.ReturnApproved, language => new()
        {
            ["order"] = e.OrderNumber, ["items"] = Items(e.Lines, language),
        }, ct);

    public Task HandleAsync(ReturnRefused e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.ReturnRefused, _ => new() { ["order"] = e.OrderNumber, ["reason"] = e.Reason }, ct);

    public Task HandleAsync(ReturnReceived e, IntegrationEventContext context, CancellationToken ct) =>
        NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.ReturnReceived, language => new()
        {
            ["order"] = e.OrderNumber, ["items"] = Items(e.Lines, language), ["amount"] = Notifier.Money(e.RefundEtb),
        }, ct);

    private static string Items(IEnumerable<ReturnLine> lines, string language) =>
        string.Join(", ", lines.Select(l => $"{l.Quantity} × {(language == "am" ? l.NameAm : l.Name)}"));

    public async Task HandleAsync(PaymentFailed e, IntegrationEventContext context, CancellationToken ct)
    {
        await context.FlushAsync(ct); // the order's number may be among the queued writes
        // Payments names the order only by id; an order placed before this module ran is named by the payment reference.
        var number = await work.Db.Orders.AsNoTracking().Where(o => o.OrderId == e.OrderId).Select(o => o.OrderNumber).FirstOrDefaultAsync(ct)
            ?? e.Reference;
        await NotifyAsync(context, e, e.CustomerId, e.OrderId, TemplateCatalogue.PaymentFailed, _ => new()
        {
            ["order"] = number, ["gateway"] = GatewayName(e.Gateway), ["reason"] = e.Reason,
        }, ct);
    }

    private async Task NotifyAsync(IntegrationEventContext context, Shared.Contracts.IntegrationEvent e, Guid customerId, Guid orderId, string template,
        Func<string, Dictionary<string, object?>> model, CancellationToken ct)
    {
        var contact = await ContactAsync(context, customerId, ct);
        if (contact is null || !contact.NotifyOrderUpdates) return;
        var language = TemplateCatalogue.Language(contact.PreferredLanguage);
        await notifier.NotifyAsync(context, e.EventId, new Addressee(contact.UserId, contact.Email, contact.Phone, language, contact.FullName),
            template, model(language), notifier.StorefrontLink($"/orders/{orderId}"), allowSms: true, ct);
    }

    /// <summary>
    /// The customer's contact as Users has it now. Asked for every order and payment event of the inbox run at once (two
    /// per checkout, tens of events per run under load), instead of one query per email.
    /// </summary>
    private async Task<UserContact?> ContactAsync(IntegrationEventContext context, Guid customerId, CancellationToken ct)
    {
        var (asked, found) = await context.OncePerRunAsync("notifications:order-update-contacts", async run =>
        {
            var customers = run.Select(CustomerOf).OfType<Guid>().ToHashSet();
            var contacts = customers.Count == 0 ? [] : await sender.Send(new GetUserContacts([.. customers]), ct);
            return (customers, contacts.ToDictionary(c => c.UserId));
        });
        if (asked.Contains(customerId)) return found.GetValueOrDefault(customerId);
        return await sender.Send(new GetUserContact(customerId), ct);
    }

    private static Guid? CustomerOf(Shared.Contracts.IntegrationEvent e) => e switch
    {
        OrderPlaced x => x.CustomerId,
        OrderPaid x => x.CustomerId,
        OrderShipped x => x.CustomerId,
        OrderDelivered x => x.CustomerId,
        OrderCancelled x => x.CustomerId,
        OrderRefunded x => x.CustomerId,
        PaymentFailed x => x.CustomerId,
        OrderLinesCancelled x => x.CustomerId,
        CreditNoteIssued x => x.CustomerId,
        ReturnRequested x => x.CustomerId,
        ReturnApproved x => x.CustomerId,
        ReturnRefused x => x.CustomerId,
        ReturnReceived x => x.CustomerId,
        _ => null,
    };

    private static string CancellationReason(string reason, string language) => (reason, language) switch
    {
        (OrderCancelled.ByCustomer, "am") => "በጥያቄዎ መሰረት",
        (OrderCancelled.PaymentFailed, "am") => "ክፍያው ስላልተሳካ",
        (OrderCancelled.PaymentTimeout, "am") => "በጊዜው ስላልተከፈለ",
        (_, "am") => "በቡድናችን",
        (OrderCancelled.ByCustomer, _) => "as you asked",
        (OrderCancelled.PaymentFailed, _) => "because the payment did not go through",
        (OrderCancelled.PaymentTimeout, _) => "because it was not paid in time",
        _ => "by our team",
    };

    private static string GatewayName(string gateway) => gateway switch
    {
        AddisPay.Payments.Contracts.Gateways.Chapa => "Chapa",
        AddisPay.Payments.Contracts.Gateways.Telebirr => "telebirr",
        AddisPay.Payments.Contracts.Gateways.Sandbox => "the test gateway",
        _ => gateway,
    };
}
