using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace AddisPay.Shared.Http;

/// <summary>
/// Who the client is. Behind an ingress every connection comes from the proxy, so the client's address is taken from
/// X-Forwarded-For, but only from a peer listed in <c>AddisPay:Http:TrustedProxies</c> (addresses or CIDR networks, a
/// list or one comma-separated value). The header is read right to left and stops at the first address that is not a
/// trusted proxy, so whatever a client writes into the header itself is never taken for its address.
/// </summary>
public static class ClientAddresses
{
    public const string TrustedProxiesKey = "AddisPay:Http:TrustedProxies";

    /// <summary>The forwarded-headers options, or null when no proxy is trusted (then the header is ignored).</summary>
    public static ForwardedHeadersOptions? ForwardedHeaders(IConfiguration config)
    {
        var entries = TrustedProxies(config);
        if (entries.Count == 0) return null; // the middleware with empty lists would trust every peer

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                               | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            ForwardLimit = null // walk the chain of trusted proxies, however long; it ends at the first untrusted address
        };
        options.KnownProxies.Clear(); // the defaults trust loopback
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new InvalidOperationException($"{TrustedProxiesKey}: '{entry}' is neither an IP address nor a CIDR network.");
        }
        return options;
    }

    private static List<string> TrustedProxies(IConfiguration config)
    {
        var section = config.GetSection(TrustedProxiesKey);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values.SelectMany(v => (v ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }

    /// <summary>
    /// The key requests are counted under: the IPv4 address, or the /64 network of an IPv6 address (one subscriber
    /// gets a whole /64 and could otherwise take a fresh address per request).
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
