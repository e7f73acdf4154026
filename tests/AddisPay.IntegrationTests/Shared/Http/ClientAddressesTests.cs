using AddisPay.Shared.Http;

namespace AddisPay.IntegrationTests.Shared.Http;

/// <summary>The client address a request counts against (<c>ClientAddresses</c>): an IPv6 client by its /64 network, IPv4 by address.</summary>
public sealed class ClientAddressesTests
{
    [Fact]
    public void IPv6_clients_are_counted_per_64_network_and_IPv4_per_address()
    {
        Assert.Equal(ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:2::1")), ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:2::1")), ClientAddresses.PartitionKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("192.0.2.1", ClientAddresses.PartitionKey(IPAddress.Parse("::ffff:192.0.2.1")));
        Assert.NotEqual(ClientAddresses.PartitionKey(IPAddress.Parse("192.0.2.1")), ClientAddresses.PartitionKey(IPAddress.Parse("192.0.2.2")));
    }
}
