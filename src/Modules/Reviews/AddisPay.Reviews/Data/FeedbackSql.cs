namespace AddisPay.Reviews.Data;

/// <summary>
/// What shoppers and events add around reviews (<c>reviews.helpful_votes</c>, <c>reviews.reports</c>,
/// <c>reviews.archived_products</c>, mapped by <see cref="ReviewsDbContext"/>): each added once whatever the retries
/// (<c>on conflict do nothing</c>, which EF Core can't say), and a deleted account's votes and reports removed with the
/// counters they fed in one statement each (a delete feeding an update; EF Core would read them first). No benchmark
/// measured them.
/// </summary>
internal static class FeedbackSql
{
    /// <summary>1 when the vote is new, 0 when the voter had already found the review helpful.</summary>
    public static Task<int> AddHelpfulVoteAsync(ReviewsDbContext db, Guid reviewId, Guid voterId, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            insert into reviews.helpful_votes ("ReviewId", "VoterId", "At") values ({reviewId}, {voterId}, {at}) on conflict do nothing
            """, ct);

    /// <summary>1 when the report is new, 0 when the reporter had already reported the review.</summary>
    public static Task<int> AddReportAsync(ReviewsDbContext db, Guid reviewId, Guid reporterId, string reason, string? note, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            insert into reviews.reports ("ReviewId", "ReporterId", "Reason", "Note", "At")
            values ({reviewId}, {reporterId}, {reason}, {note}, {at}) on conflict do nothing
            """, ct);

    /// <summary>Removes a voter's helpful votes and takes each off its review's count.</summary>
    public static Task<int> EraseVotesOfAsync(ReviewsDbContext db, Guid voterId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            with gone as (delete from reviews.helpful_votes where "VoterId" = {voterId} returning "ReviewId")
            update reviews.reviews r set "HelpfulCount" = r."HelpfulCount" - 1 from gone where r."Id" = gone."ReviewId"
            """, ct);

    /// <summary>Removes a reporter's reports and takes each still open off its review's open count.</summary>
    public static Task<int> EraseReportsOfAsync(ReviewsDbContext db, Guid reporterId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            with gone as (delete from reviews.reports where "ReporterId" = {reporterId} returning "ReviewId", "ResolvedAt")
            update reviews.reviews r set "OpenReports" = r."OpenReports" - 1 from gone where r."Id" = gone."ReviewId" and gone."ResolvedAt" is null
            """, ct);

    /// <summary>Marks a product archived (once), in the work's transaction.</summary>
    public static async Task ArchiveProductAsync(ModuleWork<ReviewsDbContext> work, Guid productId, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = work.Command("""
            insert into reviews.archived_products ("ProductId", "ArchivedAt") values (@id, @at) on conflict do nothing
            """);
        cmd.Parameters.AddWithValue("id", productId);
        cmd.Parameters.AddWithValue("at", at);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
