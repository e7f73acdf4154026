using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// The Data Protection key ring in the storefront's schema, so every storefront process encrypts and reads session and
/// antiforgery cookies with the same keys: a shopper signed in on one replica is signed in on all, and a redeploy
/// signs nobody out. Data Protection reads the ring rarely (at start, then about once a day) and writes a key about every
/// 90 days; two processes starting on an empty ring may each add one, and both stay valid.
/// The keys are stored as Data Protection writes them (not encrypted again): whoever can read this table can forge
/// sessions, so the database's access rules guard it as they guard the accounts themselves.
/// </summary>
internal sealed class DataProtectionKeyRing(string connectionString, ILogger<DataProtectionKeyRing> log) : IXmlRepository
{
    public const string Ddl = """
        create schema if not exists storefront;
        create table if not exists storefront.data_protection_keys (
            id bigint generated always as identity primary key,
            friendly_name text not null unique,
            xml text not null,
            created_at timestamptz not null default now());
        """;

    // IXmlRepository is synchronous: Data Protection calls it off the request path, on its rare refreshes.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("select xml from storefront.data_protection_keys order by id", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "insert into storefront.data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
        log.LogInformation("Stored Data Protection key {KeyName} in PostgreSQL.", friendlyName);
    }
}
