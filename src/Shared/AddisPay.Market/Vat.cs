namespace AddisPay.Market;

/// <summary>
/// Ethiopia's value-added tax: 15%, charged on the total of a bill (goods after discount, plus shipping), never
/// line by line, and rounded once to the santim with <see cref="Etb.ToSantim"/>.
/// </summary>
public static class Vat
{
    public const decimal Rate = 0.15m;

    /// <summary>The VAT added to a VAT-exclusive amount.</summary>
    public static decimal On(decimal exclusiveEtb) => Etb.ToSantim(exclusiveEtb * Rate);

    /// <summary>
    /// The VAT on a further part of an amount of which <paramref name="alreadyTaxedEtb"/> was taxed before: the VAT of
    /// the running total less the VAT already counted. However an amount is cut into parts (refunds in instalments),
    /// the parts' VAT adds up to exactly the VAT of the whole, and each part's is within a santim of 15% of the part.
    /// </summary>
    public static decimal OnNextPart(decimal alreadyTaxedEtb, decimal partEtb) => On(alreadyTaxedEtb + partEtb) - On(alreadyTaxedEtb);

    /// <summary>
    /// A VAT-inclusive amount split into its VAT-exclusive part (rounded to the santim) and the VAT it carried (the
    /// rest): the two add up to the amount exactly.
    /// </summary>
    public static (decimal NetEtb, decimal VatEtb) Included(decimal inclusiveEtb)
    {
        var net = Etb.ToSantim(inclusiveEtb / (1 + Rate));
        return (net, inclusiveEtb - net);
    }
}
