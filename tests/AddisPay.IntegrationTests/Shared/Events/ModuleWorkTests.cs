using AddisPay.Products.Domain;
using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Shared.Events;

/// <summary>
/// A module command's unit of work against the real database, through the pipeline behaviour Mediator runs around it: the
/// handler's changes and the events it raised commit together, or neither does.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ModuleWorkTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task A_command_whose_handler_throws_after_raising_an_event_writes_nothing_and_appends_nothing()
    {
        var (category, stream) = (Guid.NewGuid(), Guid.NewGuid());

        await Assert.ThrowsAsync<ConflictException>(() => SendAsync(work =>
        {
            work.Db.Categories.Add(NewCategory(category));
            work.Raise(new ProductPriceChanged(stream, 100m, 120m, "UOW-1"));
            throw new ConflictException("Refused after the change was made.");
        }));

        Assert.Null(await XminAsync("""select xmin::text from products.categories where "Id" = @id""", category));
        Assert.Null(await XminAsync("select xmin::text from events.mt_events where stream_id = @id", stream));
    }

    [Fact]
    public async Task A_command_that_succeeds_saves_its_changes_and_appends_its_events_in_one_transaction()
    {
        var (category, stream) = (Guid.NewGuid(), Guid.NewGuid());

        await SendAsync(work =>
        {
            work.Db.Categories.Add(NewCategory(category));
            work.Raise(new ProductPriceChanged(stream, 100m, 120m, "UOW-2"));
            return null!;
        });

        // Rows written by one transaction carry its id.
        var saved = await XminAsync("""select xmin::text from products.categories where "Id" = @id""", category);
        Assert.NotNull(saved);
        Assert.Equal(saved, await XminAsync("select xmin::text from events.mt_events where stream_id = @id", stream));
    }

    /// <summary>Runs <paramref name="handler"/> as the handler of a Products command, inside the behaviour registered for it.</summary>
    private async Task SendAsync(Func<ModuleWork<ProductsDbContext>, Reservation> handler)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var behaviour = scope.ServiceProvider.GetServices<Mediator.IPipelineBehavior<CommitReservation, Reservation>>().OfType<UnitOfWorkBehavior<CommitReservation, Reservation>>().Single();
        var work = scope.ServiceProvider.GetRequiredService<ModuleWork<ProductsDbContext>>();
        await behaviour.Handle(new CommitReservation(Guid.NewGuid()), (_, _) => ValueTask.FromResult(handler(work)), CancellationToken.None);
    }

    private static Category NewCategory(Guid id) => new() { Id = id, Slug = $"uow-{id:N}", Name = "Unit of work", NameAm = "የሥራ ክፍል" };

    private async Task<string?> XminAsync(string sql, Guid id)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("id", id);
        return (string?)await cmd.ExecuteScalarAsync();
    }
}
