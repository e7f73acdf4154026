using AddisPay.Shared.Contracts;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// The statements over a module's <c>inbox_dead_letters</c> table (its rows are written by <see cref="ModuleInbox"/>):
/// listing, counting and the replay's lock and marks. The schema name is the module's, never user input.
/// </summary>
internal static class DeadLetterSql
{
    public sealed record Parked(long Sequence, string EventType, string Payload, int Attempts, DateTimeOffset? ReplayedAt, string? ReplayedBy);

    public static async Task<(IReadOnlyList<InboxDeadLetter> Items, int Total)> ListAsync(string connectionString, string module, bool? waiting,
        int page, int pageSize, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var filter = waiting switch { true => "where replayed_at is null", false => "where replayed_at is not null", null => "" };
        await using var cmd = new NpgsqlCommand($"""
            select event_id, sequence, event_type, error, attempts, failed_at, replayed_at, replayed_by, count(*) over ()
            from "{module}".inbox_dead_letters {filter}
            order by failed_at desc, sequence desc
            offset @offset limit @limit
            """, conn);
        cmd.Parameters.AddWithValue("offset", (page - 1) * pageSize);
        cmd.Parameters.AddWithValue("limit", pageSize);
        var items = new List<InboxDeadLetter>();
        var total = 0;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(new InboxDeadLetter(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7)));
                total = (int)reader.GetInt64(8);
            }
        }
        // A page past the end has no row to carry the total.
        if (items.Count == 0 && page > 1) total = await CountAsync(conn, module, waiting, ct);
        return (items, total);
    }

    private static async Task<int> CountAsync(NpgsqlConnection conn, string module, bool? waiting, CancellationToken ct)
    {
        var filter = waiting switch { true => "where replayed_at is null", false => "where replayed_at is not null", null => "" };
        await using var cmd = new NpgsqlCommand($"""select count(*) from "{module}".inbox_dead_letters {filter}""", conn);
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The dead letter, locked until <paramref name="tx"/> ends: two replays of one event run one after the other.</summary>
    public static async Task<Parked?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string module, Guid eventId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select sequence, event_type, payload::text, attempts, replayed_at, replayed_by
            from "{module}".inbox_dead_letters where event_id = @id for update
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", eventId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new Parked(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5));
    }

    public static async Task<DateTimeOffset> MarkReplayedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string module, Guid eventId, string by,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            update "{module}".inbox_dead_letters set replayed_at = now(), replayed_by = @by where event_id = @id returning replayed_at
            """, conn, tx);
        cmd.Parameters.AddWithValue("id", eventId);
        cmd.Parameters.AddWithValue("by", by);
        // timestamptz comes back as a UTC DateTime from ExecuteScalar.
        return new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await cmd.ExecuteScalarAsync(ct))!, DateTimeKind.Utc));
    }

    /// <summary>A replay failed: the dead letter stays parked, one attempt more, with the new error.</summary>
    public static async Task RecordFailedReplayAsync(string connectionString, string module, Guid eventId, string error, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            update "{module}".inbox_dead_letters set attempts = attempts + 1, error = @error where event_id = @id and replayed_at is null
            """, conn);
        cmd.Parameters.AddWithValue("id", eventId);
        cmd.Parameters.AddWithValue("error", error);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
