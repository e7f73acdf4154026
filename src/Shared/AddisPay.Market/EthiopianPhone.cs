namespace AddisPay.Market;

/// <summary>Ethiopian phone numbers, kept in E.164: +251 and nine digits.</summary>
public static class EthiopianPhone
{
    public const string CountryCode = "+251";

    /// <summary>
    /// The number in E.164 (+251 and nine digits: 9xx/7xx mobiles, 11x... landlines), from the forms people type:
    /// "0911 23 45 67", "911234567", "+251-911-234567". Null when it is not an Ethiopian number.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string(input.Where(char.IsDigit).ToArray());
        var plus = input.TrimStart().StartsWith('+');
        string national;
        if (digits.StartsWith("251") && (plus || digits.Length == 12)) national = digits[3..];
        else if (!plus && digits.StartsWith('0') && digits.Length == 10) national = digits[1..];
        else if (!plus && digits.Length == 9) national = digits;
        else return null;
        return national.Length == 9 && national[0] is '1' or '2' or '3' or '4' or '5' or '7' or '9' ? CountryCode + national : null;
    }

    public static bool IsValid(string? input) => Normalize(input) is not null;
}
