using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AddisPay.Shared.Data;

internal sealed class DatabaseHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("select 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable.", ex);
        }
    }
}

/// <summary>A module is ready when its schema has been migrated.</summary>
internal sealed class SchemaHealthCheck(string connectionString, string schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("select count(*) from information_schema.tables where table_schema = @s", conn);
            cmd.Parameters.AddWithValue("s", schema);
            var tables = (long)(await cmd.ExecuteScalarAsync(ct))!;
            return tables > 0 ? HealthCheckResult.Healthy($"{tables} tables") : HealthCheckResult.Unhealthy($"Schema '{schema}' is not migrated.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"Schema '{schema}' could not be checked.", ex);
        }
    }
}

internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description })
        });
    }
}
