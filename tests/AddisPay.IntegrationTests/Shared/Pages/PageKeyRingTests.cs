using AddisPay.Shared.Pages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace AddisPay.IntegrationTests.Shared.Pages;

/// <summary>
/// The platform's one Data Protection key ring (<c>pages.data_protection_keys</c>): every process serving pages reads and
/// writes it, whichever page modules it runs, and the rings page modules kept before carry over.
/// </summary>
[Collection(SqlFamilies.Collection)]
public sealed class PageKeyRingTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_process_with_the_storefront_and_the_back_office_keeps_its_keys_in_the_platforms_ring()
    {
        platform.Service<IDataProtectionProvider>().CreateProtector("ring-test").Protect("a cookie");
        var keys = platform.Service<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId}").ToList();

        var stored = await FriendlyNamesAsync("pages.data_protection_keys");

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains(key, stored));
    }

    [Fact]
    public async Task Keys_of_a_page_modules_own_ring_from_before_the_platform_ring_carry_over_once()
    {
        var name = $"key-{Guid.NewGuid()}";
        await ExecuteAsync($"""
            create schema if not exists backoffice;
            create table if not exists backoffice.data_protection_keys (
                id bigint generated always as identity primary key, friendly_name text not null unique, xml text not null,
                created_at timestamptz not null default now());
            insert into backoffice.data_protection_keys (friendly_name, xml) values ('{name}', '<key id="{name}" />');
            """);

        await ExecuteAsync(PageKeyRings.Ddl);
        await ExecuteAsync(PageKeyRings.Ddl);

        Assert.Single(await FriendlyNamesAsync("pages.data_protection_keys"), n => n == name);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> FriendlyNamesAsync(string table)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select friendly_name from {table}", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
