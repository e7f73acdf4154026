using AddisPay.Products.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Modules;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace AddisPay.Products.ProductReadCache;

/// <summary>AddisPay:Products:ReadCache. See <see cref="AnonymousProductReads"/>.</summary>
public sealed class ProductReadCacheOptions
{
    /// <summary>Off: every product read goes to the database, as before the cache.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often each replica reads the event log for changes of products at the latest: it reads when a commit appends to
    /// the log (<see cref="EventLogAppends"/>), so this is the fallback for a notification lost while the replica's
    /// listening connection was down. 5 s: within the <see cref="Overlap"/> each read looks back over, so a lost
    /// notification costs a page at most a few seconds of staleness and an idle replica one small query per 5 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far back each poll reads again: an event takes its sequence number when its transaction appends it but shows when
    /// it commits, so a long transaction's event can appear behind ones already read.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most a page is kept whatever happens: the bound for what the log cannot tell (a transaction open longer than <see cref="Overlap"/>, a category renamed, polls failing).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Product detail (<c>GET /api/products/{id}</c>) for shoppers who are not signed in, kept by ASP.NET Core's output cache:
/// every anonymous shopper gets the same answer for the same address, so the second one costs no query and no JSON.
/// <list type="bullet">
/// <item>Only anonymous GET/HEAD: a request with an Authorization header or a signed-in user is neither served from the
/// cache nor stored in it (an admin sees drafts). Only 200s are kept, never one setting a cookie.</item>
/// <item>Each page is tagged with its product (<see cref="Tag"/>) and dropped when the product changes: every replica
/// follows the event log itself (<see cref="ProductReadEviction"/>: a module's subscription runs on one replica only, so
/// it could not drop another replica's pages). Price, stock, publish/archive and descriptive changes drop it as soon as
/// the poll sees the event; a rating once Products' inbox has shown it (the page reads Products' copy). The write
/// endpoints of this API also drop it on their own replica as they answer, so an admin reads their own write.</item>
/// <item><see cref="ProductReadCacheOptions.MaxAge"/> caps a page's age for what the log does not say.</item>
/// <item>The answer carries an ETag naming the product's row version and its content; a conditional request whose
/// If-None-Match names it gets a 304, from the cache or from the endpoint.</item>
/// </list>
/// </summary>
internal sealed class AnonymousProductReads(ProductReadCacheOptions options) : IOutputCachePolicy
{
    public const string Name = "anonymous-product-reads";

    public static string Tag(Guid productId) => "product:" + productId.ToString("N");

    /// <summary>
    /// Every kept list page: dropped when any product is published or archived (a page without a cursor shifts, and a
    /// product published again keeps its first publication time, so it can come back into a page after a cursor).
    /// </summary>
    public const string ListingTag = "product-listing";

    /// <summary>Tags a list page being answered with <see cref="ListingTag"/> and each product on it, so their events drop it.</summary>
    public static void TagListing(HttpContext http, IEnumerable<Guid> productIds)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is not { } context) return;
        context.Tags.Add(ListingTag);
        foreach (var id in productIds) context.Tags.Add(Tag(id));
    }

    /// <summary>Keeps the answer being written out of the cache (a list page that counts: every publication anywhere changes its total).</summary>
    public static void DoNotKeep(HttpContext http)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is { } context) context.AllowCacheStorage = false;
    }

    /// <summary>Tags the page being answered with its product, so the product's events drop it.</summary>
    public static void TagResponse(HttpContext http, Guid productId) =>
        http.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(Tag(productId));

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var attempt = options.Enabled
            && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && !http.Request.Headers.ContainsKey("Authorization")
            && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        // No locking: with it, concurrent misses for one page wait on the first caller's execution, and when that caller
        // goes away mid-request its cancellation reaches every one waiting, as a 500 (Topologies/RequestIsolationTests saw
        // it). A cold page read by several at once costs a few reads of the database instead.
        context.AllowLocking = false;
        context.ResponseExpirationTimeSpan = options.MaxAge;
        // The answer depends on the path alone; any query makes another entry rather than a wrong one.
        context.CacheVaryByRules.QueryKeys = "*";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Drops the product's pages on this replica once a write endpoint of the product (route value <c>id</c>) has answered:
    /// its command committed inside the call, so the next read on this replica sees it without waiting for the poll.
    /// </summary>
    public static async ValueTask<object?> EvictAfterWriteAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var result = await next(invocation);
        var http = invocation.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.RequestServices.GetService<IOutputCacheStore>() is { } store)
        {
            // Any write may publish, archive or create a product: the kept list pages go too (writes are rare next to reads).
            await store.EvictByTagAsync(ListingTag, CancellationToken.None);
            if (http.Request.RouteValues.TryGetValue("id", out var id) && Guid.TryParse(id as string, out var productId))
                await store.EvictByTagAsync(Tag(productId), CancellationToken.None);
        }
        return result;
    }
}

/// <summary>
/// Every replica's own reading of the event log for the changes that make a kept product page stale, when a commit appends
/// to the log (<see cref="EventLogAppends"/>) and at the latest each <see cref="ProductReadCacheOptions.PollInterval"/>: one
/// statement on the log's sequence key (<see cref="EventLogTail"/>). Re-reads the last <see cref="ProductReadCacheOptions.Overlap"/> of positions so an
/// event committed late is still seen, and drops each product once per event. A rating is dropped when Products' own inbox
/// has passed it, since the page shows the copy that inbox writes.
/// </summary>
internal sealed class ProductReadEviction(ProductReadCacheOptions options, EventLogTail log, IServiceProvider services, TimeProvider clock,
    ILogger<ProductReadEviction> logger, EventLogAppends appends) : PeriodicJob(logger)
{
    // Asked for before the first read (it runs before the replica serves). A burst of appends (every checkout appends)
    // costs one read per 100 ms at most.
    private readonly AppendWaiter _appends = appends.Follow(TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// While a rating waits for Products' inbox to pass it, the next read comes this soon: the inbox's progress is no
    /// append, so no notification says when it moved.
    /// </summary>
    private static readonly TimeSpan RatingRecheck = TimeSpan.FromMilliseconds(250);

    protected override AppendWaiter? WokenByAppends => _appends;

    protected override TimeSpan NextWait(TimeSpan interval) => _ratingsWaiting.Count > 0 && RatingRecheck < interval ? RatingRecheck : interval;

    private static readonly string Rating = EventLog.AliasOf(typeof(ProductRatingChanged));
    private static readonly string[] ListingChanges = [EventLog.AliasOf(typeof(ProductPublished)), EventLog.AliasOf(typeof(ProductArchived))];

    private static readonly string[] Types =
    [
        EventLog.AliasOf(typeof(ProductPublished)), EventLog.AliasOf(typeof(ProductUpdated)), EventLog.AliasOf(typeof(ProductArchived)),
        EventLog.AliasOf(typeof(ProductPriceChanged)), EventLog.AliasOf(typeof(StockChanged)), Rating
    ];

    private long? _from;
    private long? _behindFullPage;
    private readonly HashSet<long> _seen = [];
    private readonly Queue<(DateTimeOffset At, long Position)> _positions = new();
    private readonly List<EventLogEntry> _ratingsWaiting = [];

    protected override TimeSpan Interval => options.Enabled ? options.PollInterval : TimeSpan.Zero;

    // Nothing is kept before the first poll, so starting at the log's end misses nothing.
    protected override bool RunsBeforeServing => true;

    protected override string FailureMessage => "could not read product changes from the event log; kept product pages live until their maximum age";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var store = services.GetRequiredService<IOutputCacheStore>();
        var page = await log.ReadAsync(_behindFullPage ?? _from ?? long.MaxValue, Types, ModuleNames.Products, ct);
        var now = clock.GetUtcNow();
        if (_from is null)
        {
            _from = page.Head;
            _positions.Enqueue((now, page.Head));
            return;
        }
        foreach (var e in page.Entries)
        {
            if (!_seen.Add(e.Sequence)) continue;
            if (e.Type == Rating) _ratingsWaiting.Add(e);
            else await store.EvictByTagAsync(AnonymousProductReads.Tag(e.Stream), ct);
            if (ListingChanges.Contains(e.Type)) await store.EvictByTagAsync(AnonymousProductReads.ListingTag, ct);
        }
        foreach (var e in _ratingsWaiting.Where(r => r.Sequence <= page.Progress).ToList())
        {
            await store.EvictByTagAsync(AnonymousProductReads.Tag(e.Stream), ct);
            _ratingsWaiting.Remove(e);
        }
        // The next poll starts from where the log ended Overlap ago: what committed since behind that point is read again.
        // A full page (10,000) ends before the log does: the next poll goes on from its last event.
        _behindFullPage = page.Entries.Count >= 10_000 ? page.Entries[^1].Sequence : null;
        _positions.Enqueue((now, _behindFullPage ?? page.Head));
        while (_positions.Count > 1 && _positions.Peek().At < now - options.Overlap) _from = _positions.Dequeue().Position;
        _seen.RemoveWhere(s => s <= _from);
    }
}
