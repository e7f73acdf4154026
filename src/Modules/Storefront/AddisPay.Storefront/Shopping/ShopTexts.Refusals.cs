namespace AddisPay.Storefront.Shopping;

/// <summary>
/// What the shopper reads when a module refuses ("refused." + the refusal's reason; facts in braces, see
/// <see cref="RefusalText"/>). A reason without words here shows the page's general message instead.
/// </summary>
internal static partial class ShopTexts
{
    private static Dictionary<string, (string En, string Am)> Refusals() => new()
    {
        ["refused.other"] = ("This could not be done just now. Please reload the page and try again.",
                             "ይህ አሁን ሊከናወን አልቻለም። እባክዎ ገጹን አድሰው እንደገና ይሞክሩ።"),
        ["refused.cart.not-available"] = ("{product} is not available at the moment.", "{product} በአሁኑ ጊዜ አይገኝም።"),
        ["refused.cart.only-available"] = ("Only {available} of {product} are available; your cart already holds {inCart}.",
                                           "ከ{product} የሚገኙት {available} ብቻ ናቸው፤ ጋሪዎ አስቀድሞ {inCart} ይዟል።"),
        ["refused.cart.changed"] = ("Your cart changed at the same moment in another window; please look at it and try again.",
                                    "ጋሪዎ በሌላ መስኮት በተመሳሳይ ጊዜ ተቀይሯል፤ እባክዎ ይመልከቱትና እንደገና ይሞክሩ።"),
        ["refused.checkout.cart-empty"] = ("Your cart is empty.", "ጋሪዎ ባዶ ነው።"),
        ["refused.checkout.no-longer-available"] = ("{product} is no longer available; please remove it from your cart.",
                                                    "{product} ከአሁን በኋላ አይገኝም፤ እባክዎ ከጋሪዎ ያስወግዱት።"),
        ["refused.checkout.price-changed"] = ("The price of {product} changed from {fromEtb} to {toEtb}; please review your cart and order again.",
                                              "የ{product} ዋጋ ከ{fromEtb} ወደ {toEtb} ተቀይሯል፤ እባክዎ ጋሪዎን ይመልከቱና እንደገና ይዘዙ።"),
        ["refused.checkout.only-left"] = ("Only {available} of {product} are left; your cart holds {inCart}.",
                                          "ከ{product} የቀሩት {available} ብቻ ናቸው፤ ጋሪዎ {inCart} ይዟል።"),
        ["refused.coupon.used-by-you"] = ("You have already used coupon {coupon} as many times as it allows.",
                                          "ኩፖን {coupon}ን የሚፈቀደውን ያህል ጊዜ አስቀድመው ተጠቅመዋል።"),
        ["refused.coupon.ended"] = ("Coupon {coupon} is no longer valid.", "ኩፖን {coupon} ከአሁን በኋላ አያገለግልም።"),
        ["refused.coupon.not-yet"] = ("Coupon {coupon} is not valid yet.", "ኩፖን {coupon} ገና አያገለግልም።"),
        ["refused.coupon.expired"] = ("Coupon {coupon} has expired.", "የኩፖን {coupon} ጊዜ አልፏል።"),
        ["refused.coupon.used-up"] = ("Coupon {coupon} has been used up.", "ኩፖን {coupon} ተጠቅሞ አልቋል።"),
        ["refused.coupon.min-spend"] = ("Coupon {coupon} needs an order of at least {minimumEtb}.",
                                        "ኩፖን {coupon} ቢያንስ {minimumEtb} የሆነ ትዕዛዝ ይፈልጋል።"),
        ["refused.order.not-payable"] = ("Order {order} is “{status}”; only an order awaiting payment can be paid.",
                                         "ትዕዛዝ {order} «{status}» ነው፤ ሊከፈል የሚችለው ክፍያ በመጠባበቅ ላይ ያለ ትዕዛዝ ብቻ ነው።"),
        ["refused.order.payment-overdue"] = ("Order {order} was not paid in time and is being cancelled.",
                                             "ትዕዛዝ {order} በጊዜው ስላልተከፈለ በመሰረዝ ላይ ነው።"),
        ["refused.order.status"] = ("Order {order} can no longer become “{target}”: it is “{status}”.",
                                    "ትዕዛዝ {order} ከአሁን በኋላ «{target}» ሊሆን አይችልም፤ አሁን «{status}» ነው።"),
        ["refused.order.already-paid"] = ("Order {order} is already paid.", "ትዕዛዝ {order} አስቀድሞ ተከፍሏል።"),
        ["refused.payment.opening"] = ("The payment of order {order} is still being opened; please wait a moment and try again.",
                                       "የትዕዛዝ {order} ክፍያ በመከፈት ላይ ነው፤ እባክዎ ትንሽ ቆይተው እንደገና ይሞክሩ።"),
        ["refused.return.window-closed"] = ("Order {order} was delivered more than {days} days ago: it can no longer be returned.",
                                            "ትዕዛዝ {order} ከደረሰ ከ{days} ቀናት በላይ ሆኖታል፤ ከአሁን በኋላ ሊመለስ አይችልም።"),
        ["refused.request.in-progress"] = ("Your request is still being processed; please wait a moment and try again.",
                                           "ጥያቄዎ በሂደት ላይ ነው፤ እባክዎ ትንሽ ቆይተው እንደገና ይሞክሩ።"),
    };
}
