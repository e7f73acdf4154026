using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AddisPay.Payments.Gateways.Telebirr;

/// <summary>
/// telebirr's request and notification signature. The string signed is every field of the request (the
/// envelope's and those inside biz_content, flattened) except the excluded ones, as key=value pairs sorted by
/// key in ordinal (ASCII) order and joined with '&amp;', without URL encoding. The signature is SHA256withRSA in
/// the PSS fill mode (MGF1 with SHA-256, salt as long as the digest), base64.
/// </summary>
/// <remarks>
/// Sources, where they disagree: Ethio telecom's developer portal ("Development preparation": SHA256withRSA,
/// fill mode PSS) and its JavaScript sample (jsrsasign "SHA256withRSAandMGF1") both say PSS; one Python sample
/// uses PKCS#1 v1.5, which telebirr answers with "verify sign failed". PSS it is. The excluded fields are the
/// JavaScript sample's list (sign, sign_type, header, refund_info, openType, raw_request, biz_content itself)
/// plus wallet_reference_data from the portal's later list. Fields whose JSON value is null are left out.
/// </remarks>
internal static class TelebirrSignature
{
    public const string SignType = "SHA256WithRSA";

    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal)
    {
        "sign", "sign_type", "header", "refund_info", "openType", "raw_request", "biz_content", "wallet_reference_data"
    };

    public static string Canonical(IEnumerable<KeyValuePair<string, string?>> fields) => string.Join('&', fields
        .Where(f => f.Value is not null && !Excluded.Contains(f.Key))
        .OrderBy(f => f.Key, StringComparer.Ordinal)
        .Select(f => $"{f.Key}={f.Value}"));

    public static string Sign(string canonical, RSA privateKey) =>
        Convert.ToBase64String(privateKey.SignData(Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

    public static bool Verify(string canonical, string? signature, RSA publicKey)
    {
        if (string.IsNullOrWhiteSpace(signature)) return false;
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature.Trim(), bytes, out var length)) return false;
        try
        {
            return publicKey.VerifyData(Encoding.UTF8.GetBytes(canonical), bytes.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// The fields of a JSON body as telebirr signs them: top-level scalars and biz_content's. Null when the body
    /// is not such an object, or names a field twice (a second copy of total_amount must not slip past the check).
    /// </summary>
    public static Dictionary<string, string?>? Fields(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "biz_content" && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var inner in property.Value.EnumerateObject())
                    if (!TryAdd(fields, inner)) return null;
            }
            else if (!TryAdd(fields, property)) return null;
        }
        return fields;
    }

    private static bool TryAdd(Dictionary<string, string?> fields, JsonProperty property)
    {
        string? value;
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String: value = property.Value.GetString(); break;
            case JsonValueKind.Number: value = property.Value.GetRawText(); break;
            case JsonValueKind.True: value = "true"; break;
            case JsonValueKind.False: value = "false"; break;
            case JsonValueKind.Null: value = null; break;
            default:
                // Nested objects or arrays only appear in excluded fields (biz_content, refund_info...).
                if (!Excluded.Contains(property.Name)) return false;
                value = null;
                break;
        }
        return fields.TryAdd(property.Name, value);
    }
}

/// <summary>Reads the RSA keys from configuration: PEM (with real or escaped line breaks) or bare base64 DER.</summary>
internal static class TelebirrKeys
{
    /// <summary>The key, or null when the text is not one (the caller decides what that means).</summary>
    public static RSA? Load(string text, bool privateKey)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var pem = text.Replace("\\n", "\n").Trim();
        var rsa = RSA.Create();
        try
        {
            if (pem.Contains("-----BEGIN", StringComparison.Ordinal)) rsa.ImportFromPem(pem);
            else
            {
                var der = Convert.FromBase64String(string.Concat(pem.Where(c => !char.IsWhiteSpace(c))));
                if (privateKey)
                {
                    try { rsa.ImportPkcs8PrivateKey(der, out _); }
                    catch (CryptographicException) { rsa.ImportRSAPrivateKey(der, out _); }
                }
                else
                {
                    try { rsa.ImportSubjectPublicKeyInfo(der, out _); }
                    catch (CryptographicException) { rsa.ImportRSAPublicKey(der, out _); }
                }
            }
            if (privateKey) rsa.ExportParameters(includePrivateParameters: true); // a public key given where the private one belongs fails here
            return rsa;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            rsa.Dispose();
            return null;
        }
    }
}
