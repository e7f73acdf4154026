using AddisPay.Shared.Http;

namespace AddisPay.IntegrationTests.Shared.Http;

/// <summary>The client address a request counts against (<c>ClientAddresses</c>): an IPv6 client by its /64 network, IPv4 by address.</summary>
public sealed class ClientAddressesTests
{
    private static string KeyOf(string address) => ClientAddresses.PartitionKey(IPAddress.Parse(address));

    [Fact]
    public void IPv6_clients_of_one_64_network_are_counted_together() =>
        Assert.Equal(KeyOf("2001:db8:1:2::1"), KeyOf("2001:db8:1:2:ffff::9"));

    [Fact]
    public void IPv6_clients_of_different_64_networks_are_counted_apart() =>
        Assert.NotEqual(KeyOf("2001:db8:1:2::1"), KeyOf("2001:db8:1:3::1"));

    [Fact]
    public void An_IPv4_client_mapped_into_IPv6_is_counted_as_its_IPv4_address() =>
        Assert.Equal("192.0.2.1", KeyOf("::ffff:192.0.2.1"));

    [Fact]
    public void IPv4_clients_are_counted_per_address() =>
        Assert.NotEqual(KeyOf("192.0.2.1"), KeyOf("192.0.2.2"));
}
