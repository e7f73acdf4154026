using System.Reflection;
using AddisPay.Orders.CancelLines;
using AddisPay.Orders.CancelOrder;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.CreateCoupon;
using AddisPay.Orders.DemoCoupons;
using AddisPay.Orders.EndCoupon;
using AddisPay.Orders.ListCoupons;
using AddisPay.Orders.StartProcessing;
using AddisPay.Orders.Ship;
using AddisPay.Orders.Deliver;
using AddisPay.Orders.MyOrders;
using AddisPay.Orders.GetOrder;
using AddisPay.Orders.SearchOrders;
using AddisPay.Orders.PayOrder;
using AddisPay.Orders.PlaceOrder;
using AddisPay.Orders.CustomerPrivacy;
using AddisPay.Orders.QuoteOrder;
using AddisPay.Orders.RefundLines;
using AddisPay.Orders.RequestReturn;
using AddisPay.Orders.ReturnsOfOrder;
using AddisPay.Orders.DecideReturn;
using AddisPay.Orders.ReceiveReturn;
using AddisPay.Orders.PaymentOutcomes;
using AddisPay.Payments.Contracts;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.DependencyInjection;
using AddisPay.Orders.RequestRefund;
using AddisPay.Orders.DeclineRefund;
using AddisPay.Orders.IssueRefund;

namespace AddisPay.Orders;

/// <summary>
/// Orders: checkout from a cart (idempotent), the order life cycle and its timeline, coupons, refunds,
/// and the saga that settles stock with Products as Payments reports. Schema `orders`, EF Core.
/// </summary>
public sealed class OrdersModule : IModule
{
    public string Name => ModuleNames.Orders;
    public Assembly Contracts => typeof(OrderPlaced).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<OrdersDbContext>()
            .SkipStatistics("orders", "Lines", "Timeline", "ShippingAddress")
            .SkipStatistics("idempotency_keys", "RequestHash", "ResponseBody")
            .SkipStatistics("request_keys", "RequestHash", "ResponseBody");
        module.Services.Configure<OrdersOptions>(module.Configuration.GetSection("AddisPay:Orders"));
        module.Services.AddScoped<Checkout>();
        module.Services.AddScoped<IdempotencyKeys>();
        module.Services.AddScoped<RequestKeys>();
        module.Services.AddScoped<VerifiedBuyers>();
        module.Services.AddScoped<OrderChanges>();
        module.Services.AddScoped<IDemoData, DemoCouponData>();
        module.Subscribe<PaymentSucceeded, PaymentOutcomes.PaymentOutcomes>();
        module.Subscribe<PaymentFailed, PaymentOutcomes.PaymentOutcomes>();
        module.Subscribe<RefundSucceeded, PaymentOutcomes.PaymentOutcomes>();
        module.Subscribe<RefundFailed, PaymentOutcomes.PaymentOutcomes>();
        module.Subscribe<OrderCancelled, ReleaseStockOfCancelledOrders>();
        module.Subscribe<AddisPay.Users.Contracts.UserDeleted, AnonymiseOrdersOfDeletedCustomer>();
        module.Subscribe<OrderLinesCancelled, ReleaseStockOfCancelledOrders>();
        module.Subscribe<ReturnReceived, BookReturnedGoods.BookReturnedGoods>();
        // Every event Orders follows is about one order (its stream): orders can be settled side by side.
        module.HandleStreamsConcurrently(lanes: 4);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapQuoteOrder();
        api.MapPlaceOrder();
        api.MapPayOrder();
        api.MapMyOrders();
        api.MapGetOrder();
        api.MapSearchOrders();
        api.MapCancelOrder();
        api.MapRequestRefund();
        api.MapDeclineRefund();
        api.MapIssueRefund();
        api.MapRefundLines();
        api.MapCancelLines();
        api.MapRequestReturn();
        api.MapReturnsOfOrder();
        api.MapDecideReturn();
        api.MapReceiveReturn();
        api.MapStartProcessing();
        api.MapShip();
        api.MapDeliver();
        api.MapCreateCoupon();
        api.MapListCoupons();
        api.MapEndCoupon();
    }
}
