using System.Text.Json;
using AddisPay.Products.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Products.Data;

/// <summary>
/// Statements on <c>products.reservations</c> and <c>products.stock_returns</c> (mapped by <see cref="ProductsDbContext"/>).
/// The hold's insert travels with its events in one round trip, and settling a hold is one statement that locks, checks
/// and updates it (was a read, a tracked entity and a save): see docs/benchmarks.md, Checkout ("a hold inserted with its
/// events in one round trip", "settling a hold by one statement"). Locking a sale and recording a return's rows exactly
/// once need a row lock and <c>on conflict do nothing</c>, which EF Core can't say.
/// The lines are JSON as EF Core writes its JSON-mapped owned collection: member names as declared.
/// </summary>
internal static class ReservationSql
{
    private const string Insert = """
        insert into products.reservations ("Id", "Status", "Lines", "Reference", "CreatedAt", "ExpiresAt")
        values (@id, @status, @lines, @reference, @created, @expires)
        """;

    private const string Settle = """
        with held as (
          select "Id", "Status", "Lines", "Reference", "ExpiresAt" from products.reservations where "Id" = @id for update
        ), settled as (
          update products.reservations r set "Status" = @target, "SettledAt" = @at
            from held h where r."Id" = h."Id" and h."Status" = @from
          returning r."Id"
        )
        select h."Status", h."Lines", h."Reference", h."ExpiresAt", (select count(*) from settled) from held h
        """;

    private const string Lock = """
        select "Status", "Lines", "Reference", "ExpiresAt" from products.reservations where "Id" = @id for update
        """;

    private const string RecordReturn = """
        insert into products.stock_returns ("ReturnId", "Sku", "ReservationId", "Quantity", "Reason", "At")
        select @return, l.sku, @reservation, l.quantity, @reason, @at from unnest(@skus, @quantities) as l(sku, quantity)
        on conflict do nothing
        """;

    /// <summary>The new hold's insert, for the round trip that appends its events (<see cref="ModuleWork{TContext}.Defer"/>).</summary>
    public static NpgsqlBatchCommand Hold(StockReservation reservation)
    {
        var insert = new NpgsqlBatchCommand(Insert);
        insert.Parameters.AddWithValue("id", reservation.Id);
        insert.Parameters.AddWithValue("status", reservation.Status.ToString());
        insert.Parameters.Add(new NpgsqlParameter("lines", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(reservation.Lines) });
        insert.Parameters.Add(new NpgsqlParameter("reference", NpgsqlDbType.Varchar) { Value = (object?)reservation.Reference ?? DBNull.Value });
        insert.Parameters.AddWithValue("created", reservation.CreatedAt);
        insert.Parameters.AddWithValue("expires", reservation.ExpiresAt);
        return insert;
    }

    /// <summary>
    /// Locks the reservation and, if it is in <paramref name="from"/>, moves it to <paramref name="target"/>; answers with
    /// the row as it was and whether it changed, or null when there is no such reservation.
    /// </summary>
    public static async Task<(StockReservation AsItWas, bool Changed)?> SettleAsync(ModuleWork<ProductsDbContext> work, Guid id,
        ReservationStatus from, ReservationStatus target, DateTimeOffset at, CancellationToken ct)
    {
        await using var settle = work.Command(Settle);
        settle.Parameters.AddWithValue("id", id);
        settle.Parameters.AddWithValue("target", target.ToString());
        settle.Parameters.AddWithValue("from", from.ToString());
        settle.Parameters.AddWithValue("at", at);
        await using var reader = await settle.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (Read(reader, id), reader.GetInt64(4) == 1);
    }

    /// <summary>The reservation, locked until the work ends (returns racing each other see one another's rows), or null.</summary>
    public static async Task<StockReservation?> LockAsync(ModuleWork<ProductsDbContext> work, Guid id, CancellationToken ct)
    {
        await using var read = work.Command(Lock);
        read.Parameters.AddWithValue("id", id);
        await using var reader = await read.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader, id) : null;
    }

    /// <summary>Records a return's units per SKU; false when this return was recorded before (nothing written).</summary>
    public static async Task<bool> RecordReturnAsync(ModuleWork<ProductsDbContext> work, Guid returnId, Guid reservationId, string reason,
        DateTimeOffset at, IReadOnlyList<(string Sku, int Quantity)> lines, CancellationToken ct)
    {
        await using var record = work.Command(RecordReturn);
        record.Parameters.AddWithValue("return", returnId);
        record.Parameters.AddWithValue("reservation", reservationId);
        record.Parameters.AddWithValue("reason", reason);
        record.Parameters.AddWithValue("at", at);
        record.Parameters.AddWithValue("skus", lines.Select(l => l.Sku).ToArray());
        record.Parameters.AddWithValue("quantities", lines.Select(l => l.Quantity).ToArray());
        return await record.ExecuteNonQueryAsync(ct) > 0;
    }

    // Status, Lines, Reference, ExpiresAt: the columns both reads select first.
    private static StockReservation Read(NpgsqlDataReader reader, Guid id) => new()
    {
        Id = id, Status = Enum.Parse<ReservationStatus>(reader.GetString(0)),
        Lines = JsonSerializer.Deserialize<List<ReservedLine>>(reader.GetString(1)) ?? [],
        Reference = reader.IsDBNull(2) ? null : reader.GetString(2), ExpiresAt = reader.GetFieldValue<DateTimeOffset>(3)
    };
}
