using AddisPay.Reviews.Data;
using AddisPay.Reviews.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Reviews.ReviewRows;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary><see cref="FeedbackSql"/> against the mapping of <see cref="ReviewsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class FeedbackSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_vote_and_a_report_added_by_their_statements_read_back_through_the_context_once()
    {
        var review = NewReview();
        await platform.SaveAsync<ReviewsDbContext>(review);
        var shopper = Guid.NewGuid();

        var added = await platform.WithContextAsync<ReviewsDbContext, int[]>(async db =>
        [
            await FeedbackSql.AddHelpfulVoteAsync(db, review.Id, shopper, At, CancellationToken.None),
            await FeedbackSql.AddHelpfulVoteAsync(db, review.Id, shopper, At, CancellationToken.None),
            await FeedbackSql.AddReportAsync(db, review.Id, shopper, "spam", null, At, CancellationToken.None),
            await FeedbackSql.AddReportAsync(db, review.Id, shopper, "spam", "again", At, CancellationToken.None)
        ]);

        Assert.Equal([1, 0, 1, 0], added);
        var (vote, report) = await platform.WithContextAsync<ReviewsDbContext, (HelpfulVote, ReviewReport)>(async db =>
            (await db.HelpfulVotes.AsNoTracking().SingleAsync(v => v.ReviewId == review.Id),
             await db.Reports.AsNoTracking().SingleAsync(r => r.ReviewId == review.Id)));
        Assert.Equal((shopper, At), (vote.VoterId, vote.At));
        Assert.Equal((shopper, "spam", (string?)null, At, (DateTimeOffset?)null), (report.ReporterId, report.Reason, report.Note, report.At, report.ResolvedAt));
    }

    [Fact]
    public async Task Erasing_a_shoppers_votes_and_open_reports_saved_through_the_context_takes_them_off_the_reviews_counts()
    {
        var shopper = Guid.NewGuid();
        var review = NewReview();
        review.HelpfulCount = 2;
        review.OpenReports = 1;
        await platform.SaveAsync<ReviewsDbContext>(review,
            new HelpfulVote { ReviewId = review.Id, VoterId = shopper, At = At },
            new ReviewReport { ReviewId = review.Id, ReporterId = shopper, Reason = "spam", At = At });

        await platform.InWorkAsync<ReviewsDbContext>(async work =>
        {
            await FeedbackSql.EraseVotesOfAsync(work.Db, shopper, CancellationToken.None);
            await FeedbackSql.EraseReportsOfAsync(work.Db, shopper, CancellationToken.None);
        });

        var counts = await platform.WithContextAsync<ReviewsDbContext, (int, int, int, int)>(async db =>
        {
            var saved = await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == review.Id);
            return (saved.HelpfulCount, saved.OpenReports, await db.HelpfulVotes.CountAsync(v => v.VoterId == shopper), await db.Reports.CountAsync(r => r.ReporterId == shopper));
        });
        Assert.Equal((1, 0, 0, 0), counts);
    }

    [Fact]
    public async Task A_product_archived_by_its_statement_reads_back_through_the_context()
    {
        var product = Guid.NewGuid();

        await platform.InWorkAsync<ReviewsDbContext>(work => FeedbackSql.ArchiveProductAsync(work, product, At, CancellationToken.None));
        await platform.InWorkAsync<ReviewsDbContext>(work => FeedbackSql.ArchiveProductAsync(work, product, At.AddDays(1), CancellationToken.None));

        var archived = await platform.WithContextAsync<ReviewsDbContext, ArchivedProduct>(db => db.ArchivedProducts.AsNoTracking().SingleAsync(a => a.ProductId == product));
        Assert.Equal(At, archived.ArchivedAt);
    }
}
