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

    /// <summary>A price in ETB: from 0.01 to 10,000,000 birr, to the santim.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    public sealed class PriceAttribute() : ValidationAttribute("The price must be between 0.01 and 10,000,000 ETB, with at most two decimals.")
    {
        public override bool IsValid(object? value) =>
            value is null || value is decimal d && d is >= 0.01m and <= 10_000_000m && decimal.Round(d, 2) == d;
    }

    public const decimal VatRate = 0.15m;

    /// <summary>Regions and chartered cities, for shipping addresses.</summary>
    public static readonly string[] Regions =
    [
        "Addis Ababa", "Afar", "Amhara", "Benishangul-Gumuz", "Central Ethiopia", "Dire Dawa", "Gambela", "Harari",
        "Oromia", "Sidama", "Somali", "South Ethiopia", "South West Ethiopia", "Tigray"
    ];

    /// <summary>
    /// An Ethiopian phone number in E.164 (+251 and nine digits: 9xx/7xx mobiles, 11x... landlines), from the
    /// forms people type: "0911 23 45 67", "911234567", "+251-911-234567". Null when it is not one.
    /// </summary>
    public static string? NormalizePhone(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string(input.Where(char.IsDigit).ToArray());
        var plus = input.TrimStart().StartsWith('+');
        string national;
        if (digits.StartsWith("251") && (plus || digits.Length == 12)) national = digits[3..];
        else if (!plus && digits.StartsWith('0') && digits.Length == 10) national = digits[1..];
        else if (!plus && digits.Length == 9) national = digits;
        else return null;
        return national.Length == 9 && national[0] is '1' or '2' or '3' or '4' or '5' or '7' or '9' ? "+251" + national : null;
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    public sealed class PhoneAttribute() : ValidationAttribute("Use an Ethiopian phone number, e.g. +251911234567 or 0911234567.")
    {
        public override bool IsValid(object? value) => value is null || value is string s && (s.Length == 0 || NormalizePhone(s) is not null);
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
    public sealed class RegionAttribute() : ValidationAttribute("Use one of Ethiopia's regions or chartered cities.")
    {
        public override bool IsValid(object? value) => value is null || value is string s && Regions.Contains(s, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>VAT on a VAT-exclusive amount, rounded to the santim (half away from zero).</summary>
    public static decimal VatOn(decimal amountEtb) => decimal.Round(amountEtb * VatRate, 2, MidpointRounding.AwayFromZero);
}
