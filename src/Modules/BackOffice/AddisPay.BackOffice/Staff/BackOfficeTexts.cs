using AddisPay.Shared.Pages;
using Microsoft.AspNetCore.Http;

namespace AddisPay.BackOffice.Staff;

/// <summary>The back office's words in English and Amharic; a key defined twice fails at start-up.</summary>
internal static partial class BackOfficeTexts
{
    private static readonly Dictionary<string, (string En, string Am)> Texts = new()
    {
        ["app"] = ("AddisPay back office", "የአዲስፔይ የጽሕፈት ቤት"),
        ["skip"] = ("Skip to content", "ወደ ይዘቱ ይለፉ"),
        ["language"] = ("Language", "ቋንቋ"),
        ["nav"] = ("Back office", "የጽሕፈት ቤት"),
        ["nav.dashboard"] = ("Dashboard", "ዳሽቦርድ"),
        ["nav.orders"] = ("Orders", "ትዕዛዞች"),
        ["nav.audit"] = ("Audit log", "የኦዲት መዝገብ"),
        ["signout"] = ("Sign out", "ይውጡ"),
        ["signed.as"] = ("Signed in as {0} ({1})", "እንደ {0} ({1}) ገብተዋል"),
        ["role.admin"] = ("admin", "አስተዳዳሪ"),
        ["role.support"] = ("support", "ድጋፍ"),
        ["signin.title"] = ("Staff sign-in", "የሠራተኞች መግቢያ"),
        ["signin.email"] = ("E-mail address", "የኢሜይል አድራሻ"),
        ["signin.password"] = ("Password", "የይለፍ ቃል"),
        ["signin.submit"] = ("Sign in", "ይግቡ"),
        ["signin.wrong"] = ("The e-mail address or password is not right.", "የኢሜይል አድራሻው ወይም የይለፍ ቃሉ ትክክል አይደለም።"),
        ["signin.locked"] = ("This account is locked.", "ይህ መለያ ተቆልፏል።"),
        ["signin.wait"] = ("Too many attempts. Try again in {0} minutes.", "በጣም ብዙ ሙከራዎች። ከ{0} ደቂቃ በኋላ እንደገና ይሞክሩ።"),
        ["signin.notstaff"] = ("This account has no back-office access. Shoppers sign in at the shop.", "ይህ መለያ የጽሕፈት ቤት ፈቃድ የለውም። ደንበኞች በመደብሩ ይገባሉ።"),
        ["signin.shop"] = ("Go to the shop", "ወደ መደብሩ ይሂዱ"),
        ["signout.done"] = ("You are signed out of the back office.", "ከጽሕፈት ቤቱ ወጥተዋል።"),
        ["denied.title"] = ("Not for your role", "ለእርስዎ ሚና አይደለም"),
        ["denied.text"] = ("Your role may not open this page or do this action.", "የእርስዎ ሚና ይህንን ገጽ መክፈት ወይም ይህንን ተግባር ማድረግ አይችልም።"),
        ["error.unavailable"] = ("A part of the shop is not answering. Try again in a moment.", "የመደብሩ አንድ ክፍል መልስ እየሰጠ አይደለም። ትንሽ ቆይተው እንደገና ይሞክሩ።"),
        ["form.fix"] = ("Please correct the marked fields.", "እባክዎ የተመለከቱትን መስኮች ያስተካክሉ።"),
        ["dashboard.title"] = ("Today", "ዛሬ"),
        ["dashboard.day"] = ("Addis Ababa day {0}", "የአዲስ አበባ ቀን {0}"),
        ["dashboard.orders"] = ("Orders placed", "የተሰጡ ትዕዛዞች"),
        ["dashboard.revenue"] = ("Revenue (VAT included)", "ገቢ (ተ.እ.ታ ጨምሮ)"),
        ["dashboard.paid"] = ("Orders paid", "የተከፈሉ ትዕዛዞች"),
        ["dashboard.failures"] = ("Payment failures", "ያልተሳኩ ክፍያዎች"),
        ["dashboard.lowstock"] = ("SKUs low on stock (5 or fewer)", "ክምችታቸው ያነሰ ምርቶች (5 ወይም ያነሰ)"),
        ["orders.title"] = ("Orders", "ትዕዛዞች"),
        ["orders.filter"] = ("Filter", "አጣራ"),
        ["orders.status"] = ("Status", "ሁኔታ"),
        ["orders.any"] = ("Any", "ማንኛውም"),
        ["orders.from"] = ("Placed from", "ከዚህ ቀን"),
        ["orders.to"] = ("Placed until", "እስከዚህ ቀን"),
        ["orders.email"] = ("Customer e-mail", "የደንበኛ ኢሜይል"),
        ["orders.number"] = ("Order", "ትዕዛዝ"),
        ["orders.placed"] = ("Placed", "የተሰጠበት"),
        ["orders.total"] = ("Total", "ድምር"),
        ["orders.items"] = ("Items", "ዕቃዎች"),
        ["orders.none"] = ("No orders match.", "የሚዛመድ ትዕዛዝ የለም።"),
        ["orders.count"] = ("{0} orders", "{0} ትዕዛዞች"),
        ["page.prev"] = ("Previous page", "ቀዳሚ ገጽ"),
        ["page.next"] = ("Next page", "ቀጣይ ገጽ"),
        ["page.of"] = ("Page {0} of {1}", "ገጽ {0} ከ {1}"),
        ["order.title"] = ("Order {0}", "ትዕዛዝ {0}"),
        ["order.notfound"] = ("There is no such order.", "እንደዚህ ያለ ትዕዛዝ የለም።"),
        ["order.back"] = ("Back to orders", "ወደ ትዕዛዞች ይመለሱ"),
        ["order.lines"] = ("Lines", "ዝርዝሮች"),
        ["order.sku"] = ("SKU", "መለያ"),
        ["order.product"] = ("Product", "ምርት"),
        ["order.qty"] = ("Quantity", "ብዛት"),
        ["order.unit"] = ("Unit price", "የአንዱ ዋጋ"),
        ["order.subtotal"] = ("Subtotal", "ንዑስ ድምር"),
        ["order.discount"] = ("Discount", "ቅናሽ"),
        ["order.shipping"] = ("Shipping", "መላኪያ"),
        ["order.vat"] = ("VAT (15%)", "ተ.እ.ታ (15%)"),
        ["order.refunded"] = ("Refunded", "የተመለሰ"),
        ["order.refundable"] = ("Can still be refunded", "ገና ሊመለስ የሚችል"),
        ["order.ship.to"] = ("Ship to", "የሚላክበት"),
        ["order.tracking"] = ("Tracking", "መከታተያ"),
        ["order.timeline"] = ("Timeline", "የጊዜ ሰሌዳ"),
        ["order.payments"] = ("Payment attempts", "የክፍያ ሙከራዎች"),
        ["order.payments.none"] = ("No payment attempts.", "ምንም የክፍያ ሙከራ የለም።"),
        ["order.gateway"] = ("Gateway", "መክፈያ"),
        ["order.reference"] = ("Reference", "ማጣቀሻ"),
        ["order.amount"] = ("Amount", "መጠን"),
        ["order.receipt"] = ("Receipt", "ደረሰኝ"),
        ["order.refunds"] = ("Refunds", "ተመላሾች"),
        ["order.actions"] = ("Actions", "ተግባራት"),
        ["order.processing"] = ("Mark processing", "በዝግጅት ላይ ብለው ምልክት ያድርጉ"),
        ["order.ship"] = ("Mark shipped", "እንደተላከ ምልክት ያድርጉ"),
        ["order.carrier"] = ("Carrier", "አጓጓዥ"),
        ["order.trackingnumber"] = ("Tracking number", "የመከታተያ ቁጥር"),
        ["order.deliver"] = ("Mark delivered", "እንደደረሰ ምልክት ያድርጉ"),
        ["order.cancel"] = ("Cancel the order", "ትዕዛዙን ይሰርዙ"),
        ["order.refund"] = ("Refund", "ገንዘብ ይመልሱ"),
        ["order.refund.amount"] = ("Amount in ETB (VAT included)", "መጠን በብር (ተ.እ.ታ ጨምሮ)"),
        ["order.refund.reason"] = ("Reason", "ምክንያት"),
        ["order.refund.limit"] = ("Your role refunds at most {0} at a time.", "የእርስዎ ሚና በአንድ ጊዜ ቢበዛ {0} ይመልሳል።"),
        ["order.refund.overlimit"] = ("This refund is more than your role may give ({0}); ask an admin.", "ይህ ተመላሽ ሚናዎ ከሚፈቅደው ({0}) ይበልጣል፤ አስተዳዳሪን ይጠይቁ።"),
        ["order.confirm"] = ("I confirm: this cannot be undone.", "አረጋግጣለሁ፦ ይህ ሊቀለበስ አይችልም።"),
        ["order.confirm.needed"] = ("Tick the confirmation to go ahead.", "ለመቀጠል ማረጋገጫውን ምልክት ያድርጉ።"),
        ["order.done"] = ("Done: the order is now {0}.", "ተከናውኗል፦ ትዕዛዙ አሁን {0} ነው።"),
        ["order.refund.done"] = ("Refund of {0} issued.", "የ{0} ተመላሽ ተሰጥቷል።"),
        ["order.refused"] = ("Refused: {0}", "ተቀባይነት አላገኘም፦ {0}"),
        ["audit.title"] = ("Audit log", "የኦዲት መዝገብ"),
        ["audit.staff"] = ("Staff e-mail", "የሠራተኛ ኢሜይል"),
        ["audit.action"] = ("Action", "ተግባር"),
        ["audit.from"] = ("From", "ከ"),
        ["audit.to"] = ("Until", "እስከ"),
        ["audit.when"] = ("When", "መቼ"),
        ["audit.who"] = ("Who", "ማን"),
        ["audit.target"] = ("Target", "ዒላማ"),
        ["audit.before"] = ("Before", "በፊት"),
        ["audit.after"] = ("After", "በኋላ"),
        ["audit.none"] = ("No entries match.", "የሚዛመድ መዝገብ የለም።"),
        ["audit.outcome.requested"] = ("Requested; no answer recorded", "ተጠይቋል፤ ምላሽ አልተመዘገበም"),
        ["audit.outcome.refused"] = ("Refused; nothing changed", "ተቀባይነት አላገኘም፤ ምንም አልተለወጠም"),
        ["status.pending_payment"] = ("pending payment", "ክፍያ በመጠባበቅ ላይ"),
        ["status.paid"] = ("paid", "ተከፍሏል"),
        ["status.processing"] = ("processing", "በዝግጅት ላይ"),
        ["status.shipped"] = ("shipped", "ተልኳል"),
        ["status.delivered"] = ("delivered", "ደርሷል"),
        ["status.cancelled"] = ("cancelled", "ተሰርዟል"),
        ["status.refund_requested"] = ("refund requested", "ተመላሽ ተጠይቋል"),
        ["status.partially_refunded"] = ("partially refunded", "በከፊል ተመልሷል"),
        ["status.refunded"] = ("refunded", "ተመልሷል"),
        ["action.order.processing"] = ("order marked processing", "ትዕዛዝ በዝግጅት ላይ ተደርጓል"),
        ["action.order.shipped"] = ("order shipped", "ትዕዛዝ ተልኳል"),
        ["action.order.delivered"] = ("order delivered", "ትዕዛዝ ደርሷል"),
        ["action.order.cancelled"] = ("order cancelled", "ትዕዛዝ ተሰርዟል"),
        ["action.order.refunded"] = ("order refunded", "የትዕዛዝ ገንዘብ ተመልሷል"),
    };

    /// <summary>Every key, for the test that each has both languages.</summary>
    public static IReadOnlyDictionary<string, (string En, string Am)> All => Merged.Value;

    public static string Get(string key, string language) =>
        Merged.Value.TryGetValue(key, out var t) ? (language == PageLanguage.Amharic ? t.Am : t.En) : key;

    // Each area's words live in a file of their own (BackOfficeTexts.<Area>.cs); Add throws on a key two files define.
    private static readonly Lazy<Dictionary<string, (string En, string Am)>> Merged = new(() =>
    {
        var all = new Dictionary<string, (string En, string Am)>(Texts);
        foreach (var area in new Dictionary<string, (string En, string Am)>[] { People!, Stock(), CatalogueTexts(), CampaignTexts(), CouponTexts() })
            foreach (var pair in area) all.Add(pair.Key, pair.Value);
        return all;
    });
}

/// <summary>The staff member's language (the pages' one cookie, shared with the shop) and the back office's words in it.</summary>
internal sealed class StaffLanguage(IHttpContextAccessor http)
{
    public string Code { get; } = PageLanguage.Of(http.HttpContext);

    public bool IsAmharic => Code == PageLanguage.Amharic;

    public string this[string key] => BackOfficeTexts.Get(key, Code);

    public string Money(decimal etb) => EtbAmount.Format(etb, Code);

    public string Status(string status) => this["status." + status];
}
