using System.ComponentModel.DataAnnotations;

namespace AddisPay.Shared.Http;

/// <summary>Validation rules of the Ethiopian market.</summary>
public static class Ethiopian
{
    /// <summary>An ETB amount has at most two decimals (santim).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    public sealed class SantimAttribute() : ValidationAttribute("Amounts in ETB have at most two decimals.")
    {
        public override bool IsValid(object? value) => value is not decimal d || decimal.Round(d, 2) == d;
    }

    public const decimal VatRate = 0.15m;

    /// <summary>VAT on a VAT-exclusive amount, rounded to the santim (half away from zero).</summary>
    public static decimal VatOn(decimal amountEtb) => decimal.Round(amountEtb * VatRate, 2, MidpointRounding.AwayFromZero);
}
