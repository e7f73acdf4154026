using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Shared.Pages;

/// <summary>
/// The Data Protection key ring in a page module's schema (<c>{schema}.data_protection_keys</c>), so every process serving
/// its pages encrypts and reads session and antiforgery cookies with the same keys: a user signed in on one replica is
/// signed in on all, and a redeploy signs nobody out. Data Protection reads the ring rarely (at start, then about once a
/// day) and writes a key about every 90 days; two processes starting on an empty ring may each add one, and both stay valid.
/// The keys are stored as Data Protection writes them (not encrypted again): whoever can read this table can forge
/// sessions, so the database's access rules guard it as they guard the accounts themselves.
/// </summary>
internal sealed class PageKeyRing(string schema, string connectionString, ILogger<PageKeyRing> log) : IXmlRepository
{
    public static string Ddl(string schema) => $"""
        create schema if not exists {schema};
        create table if not exists {schema}.data_protection_keys (
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
        using var command = new NpgsqlCommand($"select xml from {schema}.data_protection_keys order by id", connection);
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
            $"insert into {schema}.data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
        log.LogInformation("Stored Data Protection key {KeyName} in PostgreSQL ({Schema}).", friendlyName, schema);
    }
}

public static class PageKeyRings
{
    /// <summary>Which module's ring the process uses: the first page module registered (the Host lists the storefront first).</summary>
    private sealed record Chosen(string Schema);

    /// <summary>
    /// Data Protection with the key ring in <paramref name="schema"/>, unless another page module of this process already
    /// chose its own: a process has one key ring (antiforgery tokens use the process's one), so with the storefront and the
    /// back office in one process both read the storefront's, and a back-office pod of its own reads the back office's.
    /// The module migrates its table either way (<see cref="PageKeyRing.Ddl"/>), so a later split finds it.
    /// </summary>
    public static void AddPageKeyRing(this IServiceCollection services, string schema, string connectionString)
    {
        if (services.Any(d => d.ServiceType == typeof(Chosen))) return;
        services.AddSingleton(new Chosen(schema));
        services.AddDataProtection().SetApplicationName("AddisPay");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new PageKeyRing(schema, connectionString, sp.GetRequiredService<ILogger<PageKeyRing>>())));
    }

    public static string Ddl(string schema) => PageKeyRing.Ddl(schema);
}
