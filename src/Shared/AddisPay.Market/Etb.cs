using System.Globalization;

namespace AddisPay.Market;

/// <summary>Amounts in Ethiopian birr (ETB): 100 santim to the birr, nothing finer.</summary>
public static class Etb
{
    /// <summary>
    /// The amount rounded to the santim, half away from zero (0.005 → 0.01, -0.005 → -0.01), as every amount the
    /// platform computes (VAT, discounts, shares of a discount) has always been rounded; not banker's rounding,
    /// <see cref="decimal.Round(decimal, int)"/>'s default.
    /// </summary>
    public static decimal ToSantim(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Whether the amount has at most two decimals (no fraction of a santim).</summary>
    public static bool IsToTheSantim(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>The amount's digits as receipts, e-mails and pages print them: grouped thousands, two decimals ("1,234.50").</summary>
    public static string Digits(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}
