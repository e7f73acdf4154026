namespace AddisPay.Notifications.Domain;

/// <summary>
/// The words of one message in one language, each a Liquid template over the message's model. The email
/// layouts (<see cref="MessageTemplates"/>) turn them into a plain-text and an HTML body.
/// </summary>
internal sealed record TemplateText(string Subject, string[] Paragraphs, string? ActionLabel, string? Sms);

/// <summary>Every transactional message in English and Amharic.</summary>
internal static class TemplateCatalogue
{
    public const string EmailVerification = "email_verification";
    public const string PasswordReset = "password_reset";
    public const string RegistrationAttempted = "registration_attempted";
    public const string OrderPlaced = "order_placed";
    public const string OrderPaid = "order_paid";
    public const string OrderShipped = "order_shipped";
    public const string OrderDelivered = "order_delivered";
    public const string OrderCancelled = "order_cancelled";
    public const string OrderRefunded = "order_refunded";
    public const string OrderLinesCancelled = "order_lines_cancelled";
    public const string CreditNoteIssued = "credit_note_issued";
    public const string ReturnRequested = "return_requested";
    public const string ReturnApproved = "return_approved";
    public const string ReturnRefused = "return_refused";
    public const string ReturnReceived = "return_received";
    public const string PaymentFailed = "payment_failed";
    public const string BackInStock = "back_in_stock";
    public const string Promotion = "promotion";

    public static readonly IReadOnlyDictionary<(string Template, string Language), TemplateText> All = new Dictionary<(string, string), TemplateText>
    {
        [(EmailVerification, "en")] = new("Confirm your email address for AddisPay",
            ["Welcome to AddisPay! Please confirm your email address to finish setting up your account.",
             "The link works once and expires on {{ expires }} (Addis Ababa time)."],
            "Confirm my email", null),
        [(EmailVerification, "am")] = new("የAddisPay ኢሜይል አድራሻዎን ያረጋግጡ",
            ["ወደ AddisPay እንኳን ደህና መጡ! የመለያዎን ምዝገባ ለማጠናቀቅ የኢሜይል አድራሻዎን ያረጋግጡ።",
             "ሊንኩ አንድ ጊዜ ብቻ ያገለግላል፤ እስከ {{ expires }} (የአዲስ አበባ ሰዓት) ድረስ ይሰራል።"],
            "ኢሜይሌን አረጋግጥ", null),

        [(PasswordReset, "en")] = new("Reset your AddisPay password",
            ["We received a request to reset the password of your AddisPay account.",
             "The link works once and expires on {{ expires }} (Addis Ababa time). If you did not ask for this, ignore this email: your password stays the same."],
            "Choose a new password", null),
        [(PasswordReset, "am")] = new("የAddisPay የይለፍ ቃልዎን ዳግም ያስጀምሩ",
            ["የAddisPay መለያዎን የይለፍ ቃል ዳግም ለማስጀመር ጥያቄ ደርሶናል።",
             "ሊንኩ አንድ ጊዜ ብቻ ያገለግላል፤ እስከ {{ expires }} (የአዲስ አበባ ሰዓት) ድረስ ይሰራል። ይህን ጥያቄ ካላቀረቡ ይህን ኢሜይል ችላ ይበሉ፤ የይለፍ ቃልዎ አይቀየርም።"],
            "አዲስ የይለፍ ቃል ይምረጡ", null),

        [(RegistrationAttempted, "en")] = new("Someone tried to register with your email address",
            ["Someone just tried to create a new AddisPay account with this email address. It already belongs to your account, so no new account was made and nothing was changed.",
             "If it was you, simply sign in; if you forgot your password, choose \"Forgot password\" on the sign-in page. If it wasn't you, you can ignore this email."],
            "Sign in", null),
        [(RegistrationAttempted, "am")] = new("አንድ ሰው በኢሜይል አድራሻዎ ለመመዝገብ ሞክሯል",
            ["አንድ ሰው አሁን በዚህ ኢሜይል አድራሻ አዲስ የAddisPay መለያ ለመክፈት ሞክሯል። አድራሻው የእርስዎ መለያ ስለሆነ አዲስ መለያ አልተከፈተም፤ ምንም ነገር አልተቀየረም።",
             "እርስዎ ከሆኑ በቀላሉ ይግቡ፤ የይለፍ ቃልዎን ከረሱ በመግቢያ ገጹ ላይ \"የይለፍ ቃል ረሳሁ\" የሚለውን ይምረጡ። እርስዎ ካልሆኑ ይህን ኢሜይል ችላ ማለት ይችላሉ።"],
            "ይግቡ", null),

        [(OrderPlaced, "en")] = new("We received your order {{ order }}",
            ["Thank you for shopping with AddisPay. Your order {{ order }} has been placed.",
             "Items: {{ items }}",
             "Total to pay: {{ total }} ETB (15% VAT included). Please pay by {{ due }} (Addis Ababa time)."],
            "View your order", "AddisPay: order {{ order }} received. Total {{ total }} ETB. Please pay by {{ due }}."),
        [(OrderPlaced, "am")] = new("ትዕዛዝዎ {{ order }} ደርሶናል",
            ["በAddisPay ስለገዙ እናመሰግናለን። ትዕዛዝዎ {{ order }} ተመዝግቧል።",
             "ዕቃዎች፦ {{ items }}",
             "የሚከፈል ጠቅላላ ዋጋ፦ {{ total }} ብር (15% ተ.እ.ታ ጨምሮ)። እባክዎ እስከ {{ due }} (የአዲስ አበባ ሰዓት) ድረስ ይክፈሉ።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ትዕዛዝ {{ order }} ደርሶናል። ጠቅላላ {{ total }} ብር። እባክዎ እስከ {{ due }} ይክፈሉ።"),

        [(OrderPaid, "en")] = new("Payment received for order {{ order }}",
            ["We received your payment of {{ total }} ETB for order {{ order }} (reference {{ reference }}).",
             "We are preparing your items and will tell you when they are on the way."],
            "View your order", "AddisPay: payment of {{ total }} ETB for order {{ order }} received. Thank you!"),
        [(OrderPaid, "am")] = new("የትዕዛዝ {{ order }} ክፍያ ደርሶናል",
            ["ለትዕዛዝ {{ order }} የከፈሉትን {{ total }} ብር ተቀብለናል (መለያ ቁጥር {{ reference }})።",
             "ዕቃዎችዎን እያዘጋጀን ነው፤ ሲላኩ እናሳውቅዎታለን።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ለትዕዛዝ {{ order }} የ{{ total }} ብር ክፍያ ደርሶናል። እናመሰግናለን!"),

        [(OrderShipped, "en")] = new("Your order {{ order }} is on its way",
            ["Good news: your order {{ order }} has been shipped.",
             "Carrier: {{ carrier }}. Tracking number: {{ tracking }}."],
            "Track your order", "AddisPay: order {{ order }} shipped with {{ carrier }}, tracking number {{ tracking }}."),
        [(OrderShipped, "am")] = new("ትዕዛዝዎ {{ order }} ተልኳል",
            ["መልካም ዜና፦ ትዕዛዝዎ {{ order }} ተልኳል።",
             "አጓጓዥ፦ {{ carrier }}። የመከታተያ ቁጥር፦ {{ tracking }}።"],
            "ትዕዛዝዎን ይከታተሉ", "AddisPay: ትዕዛዝ {{ order }} በ{{ carrier }} ተልኳል፤ የመከታተያ ቁጥር {{ tracking }}።"),

        [(OrderDelivered, "en")] = new("Your order {{ order }} has been delivered",
            ["Your order {{ order }} has been delivered. We hope you enjoy it!",
             "Help other shoppers by reviewing what you bought."],
            "View your order", "AddisPay: order {{ order }} has been delivered. Enjoy!"),
        [(OrderDelivered, "am")] = new("ትዕዛዝዎ {{ order }} ደርሷል",
            ["ትዕዛዝዎ {{ order }} ደርሷል። እንደሚወዱት ተስፋ እናደርጋለን!",
             "ስለገዙት ዕቃ አስተያየት በመስጠት ሌሎች ገዢዎችን ያግዙ።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ትዕዛዝ {{ order }} ደርሷል።"),

        [(OrderCancelled, "en")] = new("Your order {{ order }} was cancelled",
            ["Your order {{ order }} was cancelled {{ reason }}.",
             "{% if was_paid %}The money you paid will be refunded; we will tell you when it is on its way back.{% else %}You have not been charged.{% endif %}"],
            "View your order", "AddisPay: order {{ order }} was cancelled{% if was_paid %}; your payment will be refunded{% endif %}."),
        [(OrderCancelled, "am")] = new("ትዕዛዝዎ {{ order }} ተሰርዟል",
            ["ትዕዛዝዎ {{ order }} {{ reason }} ተሰርዟል።",
             "{% if was_paid %}የከፈሉት ገንዘብ ተመላሽ ይደረግልዎታል፤ ሲመለስ እናሳውቅዎታለን።{% else %}ምንም ክፍያ አልተወሰደብዎትም።{% endif %}"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ትዕዛዝ {{ order }} ተሰርዟል{% if was_paid %}፤ ክፍያዎ ተመላሽ ይደረጋል{% endif %}።"),

        [(OrderRefunded, "en")] = new("Refund of {{ amount }} ETB for order {{ order }}",
            ["We refunded {{ amount }} ETB for your order {{ order }}.",
             "{% if full %}The whole order has now been refunded.{% else %}So far {{ refunded_total }} ETB of this order has been refunded.{% endif %} It can take a few days to show in your account."],
            "View your order", "AddisPay: {{ amount }} ETB refunded for order {{ order }}."),
        [(OrderRefunded, "am")] = new("ለትዕዛዝ {{ order }} {{ amount }} ብር ተመላሽ ተደርጓል",
            ["ለትዕዛዝዎ {{ order }} {{ amount }} ብር ተመላሽ አድርገናል።",
             "{% if full %}የትዕዛዙ ሙሉ ክፍያ ተመላሽ ተደርጓል።{% else %}ከዚህ ትዕዛዝ እስካሁን {{ refunded_total }} ብር ተመላሽ ተደርጓል።{% endif %} በሂሳብዎ ላይ ለመታየት ጥቂት ቀናት ሊወስድ ይችላል።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ለትዕዛዝ {{ order }} {{ amount }} ብር ተመላሽ ተደርጓል።"),

        [(OrderLinesCancelled, "en")] = new("Part of your order {{ order }} was cancelled",
            ["These items of your order {{ order }} were cancelled before shipping: {{ items }}.",
             "{{ amount }} ETB (15% VAT included) will be refunded, with a credit note; the rest of your order is on its way as planned."],
            "View your order", "AddisPay: part of order {{ order }} was cancelled; {{ amount }} ETB will be refunded."),
        [(OrderLinesCancelled, "am")] = new("የትዕዛዝዎ {{ order }} ከፊል ተሰርዟል",
            ["ከትዕዛዝዎ {{ order }} እነዚህ ዕቃዎች ከመላካቸው በፊት ተሰርዘዋል፦ {{ items }}።",
             "{{ amount }} ብር (15% ተ.እ.ታ ጨምሮ) ከተመላሽ ማስታወሻ ጋር ተመላሽ ይደረጋል፤ የቀረው ትዕዛዝዎ እንደታቀደው ይላካል።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: የትዕዛዝ {{ order }} ከፊል ተሰርዟል፤ {{ amount }} ብር ተመላሽ ይደረጋል።"),

        [(CreditNoteIssued, "en")] = new("Credit note {{ number }} for order {{ order }}",
            ["We refunded {{ total }} ETB for your order {{ order }} and issued credit note {{ number }}, which corrects receipt {{ receipt }}.",
             "{% if items != empty %}Refunded: {{ items }}. {% endif %}{% if shipping %}The shipping fee is included. {% endif %}Of the amount, {{ vat }} ETB is the 15% VAT on {{ net }} ETB.",
             "Keep it with your receipt: you can open it from your order page."],
            "View your order", "AddisPay: {{ total }} ETB refunded for order {{ order }}, credit note {{ number }}."),
        [(CreditNoteIssued, "am")] = new("ለትዕዛዝ {{ order }} የተመላሽ ማስታወሻ {{ number }}",
            ["ለትዕዛዝዎ {{ order }} {{ total }} ብር ተመላሽ አድርገናል፤ ደረሰኝ {{ receipt }}ን የሚያስተካክል የተመላሽ ማስታወሻ {{ number }} ሰጥተናል።",
             "{% if items != empty %}ተመላሽ የተደረጉ፦ {{ items }}። {% endif %}{% if shipping %}የማጓጓዣ ክፍያውን ይጨምራል። {% endif %}ከዚህ ውስጥ {{ vat }} ብር በ{{ net }} ብር ላይ የተጣለ 15% ተ.እ.ታ ነው።",
             "ከደረሰኝዎ ጋር ያስቀምጡት፤ ከትዕዛዝዎ ገጽ ሊከፍቱት ይችላሉ።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ለትዕዛዝ {{ order }} {{ total }} ብር ተመላሽ ተደርጓል፤ የተመላሽ ማስታወሻ {{ number }}።"),

        [(ReturnRequested, "en")] = new("We received your return request for order {{ order }}",
            ["You asked to return these items of order {{ order }}: {{ items }}.",
             "We will look at your request and tell you shortly whether to send them back."],
            "View your order", "AddisPay: return request for order {{ order }} received."),
        [(ReturnRequested, "am")] = new("ለትዕዛዝ {{ order }} ያቀረቡት የመመለሻ ጥያቄ ደርሶናል",
            ["ከትዕዛዝ {{ order }} እነዚህን ዕቃዎች ለመመለስ ጠይቀዋል፦ {{ items }}።",
             "ጥያቄዎን አይተን ዕቃዎቹን እንዲልኩ እንደሆነ በቅርቡ እናሳውቅዎታለን።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ለትዕዛዝ {{ order }} የመመለሻ ጥያቄዎ ደርሶናል።"),

        [(ReturnApproved, "en")] = new("Your return for order {{ order }} is approved",
            ["Your return of {{ items }} from order {{ order }} is approved.",
             "Please send the items back; we will refund you as soon as they arrive."],
            "View your order", "AddisPay: return for order {{ order }} approved. Please send the items back."),
        [(ReturnApproved, "am")] = new("ለትዕዛዝ {{ order }} የመመለሻ ጥያቄዎ ተቀባይነት አግኝቷል",
            ["ከትዕዛዝ {{ order }} {{ items }} ለመመለስ ያቀረቡት ጥያቄ ተቀባይነት አግኝቷል።",
             "እባክዎ ዕቃዎቹን ይላኩልን፤ እንደደረሱን ገንዘብዎን ተመላሽ እናደርጋለን።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ለትዕዛዝ {{ order }} የመመለሻ ጥያቄዎ ተቀባይነት አግኝቷል። እባክዎ ዕቃዎቹን ይላኩ።"),

        [(ReturnRefused, "en")] = new("Your return for order {{ order }} was not accepted",
            ["We could not accept your return request for order {{ order }}: {{ reason }}.",
             "If you have questions, reply to this email."],
            "View your order", "AddisPay: return for order {{ order }} not accepted."),
        [(ReturnRefused, "am")] = new("ለትዕዛዝ {{ order }} የመመለሻ ጥያቄዎ ተቀባይነት አላገኘም",
            ["ለትዕዛዝ {{ order }} ያቀረቡትን የመመለሻ ጥያቄ መቀበል አልቻልንም፦ {{ reason }}።",
             "ጥያቄ ካለዎት ለዚህ ኢሜይል መልስ ይስጡ።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ለትዕዛዝ {{ order }} የመመለሻ ጥያቄዎ ተቀባይነት አላገኘም።"),

        [(ReturnReceived, "en")] = new("We received the items you returned from order {{ order }}",
            ["The items you sent back from order {{ order }} arrived: {{ items }}.",
             "{{ amount }} ETB (15% VAT included) is being refunded; a credit note follows."],
            "View your order", "AddisPay: returned items of order {{ order }} received; {{ amount }} ETB is being refunded."),
        [(ReturnReceived, "am")] = new("ከትዕዛዝ {{ order }} የመለሷቸው ዕቃዎች ደርሰውናል",
            ["ከትዕዛዝ {{ order }} የመለሷቸው ዕቃዎች ደርሰውናል፦ {{ items }}።",
             "{{ amount }} ብር (15% ተ.እ.ታ ጨምሮ) ተመላሽ እየተደረገ ነው፤ የተመላሽ ማስታወሻ ይከተላል።"],
            "ትዕዛዝዎን ይመልከቱ", "AddisPay: ከትዕዛዝ {{ order }} የመለሷቸው ዕቃዎች ደርሰውናል፤ {{ amount }} ብር ተመላሽ እየተደረገ ነው።"),

        [(PaymentFailed, "en")] = new("Payment for order {{ order }} did not go through",
            ["Your payment for order {{ order }} through {{ gateway }} did not go through ({{ reason }}).",
             "Your order is held for a while: you can try again from your order page."],
            "Try paying again", "AddisPay: payment for order {{ order }} did not go through. Please try again."),
        [(PaymentFailed, "am")] = new("የትዕዛዝ {{ order }} ክፍያ አልተሳካም",
            ["በ{{ gateway }} በኩል ለትዕዛዝ {{ order }} ያደረጉት ክፍያ አልተሳካም ({{ reason }})።",
             "ትዕዛዝዎ ለተወሰነ ጊዜ ተይዞ ይቆያል፤ ከትዕዛዝዎ ገጽ እንደገና መሞከር ይችላሉ።"],
            "እንደገና ይክፈሉ", "AddisPay: ለትዕዛዝ {{ order }} የተደረገው ክፍያ አልተሳካም። እባክዎ እንደገና ይሞክሩ።"),

        [(BackInStock, "en")] = new("{{ product }} is back in stock",
            ["Good news: {{ product }}, which you asked us to watch, can be bought again.",
             "Stock is limited, so don't wait too long."],
            "See the product", "AddisPay: {{ product }} is back in stock."),
        [(BackInStock, "am")] = new("{{ product }} እንደገና ገብቷል",
            ["መልካም ዜና፦ እንድንከታተልልዎ የጠየቁት {{ product }} አሁን እንደገና መግዛት ይቻላል።",
             "ብዛቱ የተወሰነ ስለሆነ ቶሎ ይግዙ።"],
            "ምርቱን ይመልከቱ", "AddisPay: {{ product }} እንደገና ገብቷል።"),
    };

    /// <summary>Greeting, signature and the promotional footer, per language.</summary>
    public static readonly IReadOnlyDictionary<string, (string Greeting, string Signature, string UnsubscribeText, string UnsubscribeLabel)> Frame =
        new Dictionary<string, (string, string, string, string)>
        {
            ["en"] = ("Hello {{ name }},", "— The AddisPay team",
                "You receive this email because you chose to hear about AddisPay offers.", "Unsubscribe"),
            ["am"] = ("ሰላም {{ name }}፣", "— የAddisPay ቡድን",
                "ይህ ኢሜይል የደረሰዎት የAddisPay ቅናሾችን ለመስማት ስለመረጡ ነው።", "ከዚህ ዝርዝር ይውጡ"),
        };

    public static string Language(string? preferred) => preferred == "am" ? "am" : "en";
}
