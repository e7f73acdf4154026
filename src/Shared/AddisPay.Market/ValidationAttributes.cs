using System.ComponentModel.DataAnnotations;

namespace AddisPay.Market;

/// <summary>An amount in ETB has at most two decimals (santim). A missing amount is left to [Required].</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SantimAttribute() : ValidationAttribute("Amounts in ETB have at most two decimals.")
{
    public override bool IsValid(object? value) => value is not decimal d || Etb.IsToTheSantim(d);
}

/// <summary>A price in ETB: from 0.01 to 10,000,000 birr, to the santim. A missing price is left to [Required].</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EtbPriceAttribute() : ValidationAttribute("The price must be between 0.01 and 10,000,000 ETB, with at most two decimals.")
{
    public const decimal Minimum = 0.01m;
    public const decimal Maximum = 10_000_000m;

    public override bool IsValid(object? value) =>
        value is null || value is decimal d && d is >= Minimum and <= Maximum && Etb.IsToTheSantim(d);
}

/// <summary>An Ethiopian phone number in any usual form (<see cref="EthiopianPhone.Normalize"/>); nothing is left to [Required].</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EthiopianPhoneAttribute() : ValidationAttribute("Use an Ethiopian phone number, e.g. +251911234567 or 0911234567.")
{
    public override bool IsValid(object? value) => value is null || value is string s && (s.Length == 0 || EthiopianPhone.IsValid(s));
}

/// <summary>One of <see cref="EthiopianRegion.All"/>, whatever its letter case; nothing is left to [Required].</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EthiopianRegionAttribute() : ValidationAttribute("Use one of Ethiopia's regions or chartered cities.")
{
    public override bool IsValid(object? value) => value is null || value is string s && EthiopianRegion.IsOne(s);
}
