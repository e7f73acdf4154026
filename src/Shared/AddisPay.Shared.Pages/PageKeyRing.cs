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
/// The platform's one Data Protection key ring (<c>pages.data_protection_keys</c>), so every process serving pages — the
/// storefront, the back office, alone or together, in any grouping — encrypts and reads session and antiforgery cookies
/// with the same keys: a user signed in on one replica is signed in on all, and neither a redeploy nor moving a module
/// to a Deployment of its own signs anybody out. Data Protection reads the ring rarely (at start, then about once a
/// day) and writes a key about every 90 days; two processes starting on an empty ring may each add one, and both stay
/// valid. The keys are stored as Data Protection writes them (not encrypted again): whoever can read this table can forge
/// sessions, so the database's access rules guard it as they guard the accounts themselves.
/// </summary>
internal sealed class PageKeyRing(string connectionString, ILogger<PageKeyRing> log) : IXmlRepository
{
    public const string Schema = "pages";

    // Before one platform ring each page module kept its own (storefront.data_protection_keys, backoffice.…), and a
    // process used the first page module's: their keys carry over, so the upgrade signs nobody out and old cookies stay
    // readable wherever the module now runs. The old tables stay as they were (nothing reads them any more).
    public const string Ddl = $"""
        create schema if not exists {Schema};
        create table if not exists {Schema}.data_protection_keys (
            id bigint generated always as identity primary key,
            friendly_name text not null unique,
            xml text not null,
            created_at timestamptz not null default now());
        do $$
        declare old text;
        begin
          foreach old in array array['storefront.data_protection_keys', 'backoffice.data_protection_keys'] loop
            if to_regclass(old) is not null then
              execute format('insert into {Schema}.data_protection_keys (friendly_name, xml, created_at)
                              select friendly_name, xml, created_at from %s order by id on conflict (friendly_name) do nothing', old);
            end if;
          end loop;
        end $$;
        """;

    // IXmlRepository is synchronous: Data Protection calls it off the request path, on its rare refreshes.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"select xml from {Schema}.data_protection_keys order by id", connection);
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
            $"insert into {Schema}.data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
        log.LogInformation("Stored Data Protection key {KeyName} in PostgreSQL ({Schema}).", friendlyName, Schema);
    }
}

public static class PageKeyRings
{
    private sealed record Registered;

    /// <summary>
    /// Data Protection with the platform's key ring; every page module asks for it, and the first one in a process registers
    /// it (a process has one key ring: antiforgery tokens use the process's one).
    /// </summary>
    public static void AddPageKeyRing(this IServiceCollection services, string connectionString)
    {
        if (services.Any(d => d.ServiceType == typeof(Registered))) return;
        services.AddSingleton(new Registered());
        services.AddDataProtection().SetApplicationName("AddisPay");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new PageKeyRing(connectionString, sp.GetRequiredService<ILogger<PageKeyRing>>())));
    }

    /// <summary>The ring's table, migrated by every page module (the same idempotent statement; migrations run one process at a time).</summary>
    public static string Ddl => PageKeyRing.Ddl;
}
