namespace AddisPay.Recommendations.Domain;

/// <summary>
/// Liked: the customer's visible review gives 4 or 5 stars. Disliked: 1 or 2 stars (3 says neither, so it is not kept).
/// A customer has at most one of the two per product (their current rating); a withdrawn rating leaves neither.
/// </summary>
public enum BehaviourKind : short { View = 1, Cart = 2, Purchase = 3, Liked = 4, Disliked = 5 }

/// <summary>A shopper's dealings with one product of one kind: how often, and when last. <see cref="Subject"/> is "u:{userId}", "v:{visitorId}" or "c:{cartId}".</summary>
public sealed record Behaviour(string Subject, Guid ProductId, BehaviourKind Kind, int Count, DateTimeOffset LastAt);

/// <summary>
/// What the model knows of a product: where it sits, who makes it, and whether it is still listed (not archived).
/// Stock is left to serving time: it changes by the minute, and a product back in stock should return at once.
/// </summary>
public sealed record CatalogueFacts(Guid ProductId, string? Category, string? Brand, bool Listed);

public sealed record Scored(Guid ProductId, double Score);

/// <summary>Every list the shop serves, computed in one pass. <see cref="Popular"/> is keyed by category slug, "" for the whole shop.</summary>
public sealed record RecommendationSnapshot(
    IReadOnlyDictionary<Guid, IReadOnlyList<Scored>> BoughtTogether,
    IReadOnlyDictionary<Guid, IReadOnlyList<Scored>> Similar,
    IReadOnlyDictionary<string, IReadOnlyList<Scored>> Personal,
    IReadOnlyDictionary<string, IReadOnlyList<Scored>> Popular,
    int Subjects,
    int Products)
{
    /// <summary>Per personal shopper who disliked something: the products their personal list must not offer (see <see cref="Recommender"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Guid>> Withheld { get; init; } = new Dictionary<string, IReadOnlyList<Guid>>();
}

public sealed record RecommenderOptions
{
    /// <summary>Entries kept per list: more than a page shows, so read-time filtering (stock, already bought) still leaves enough.</summary>
    public int ListLength { get; init; } = 50;
    /// <summary>A shopper's most recent products considered; bounds the pair counting at ListLength² per shopper.</summary>
    public int MaxHistory { get; init; } = 100;
    public TimeSpan PopularityHalfLife { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan ProfileHalfLife { get; init; } = TimeSpan.FromDays(30);
    /// <summary>How much a kind of behaviour says about interest: a purchase says more than a glance.</summary>
    public double ViewWeight { get; init; } = 1;
    public double CartWeight { get; init; } = 3;
    public double PurchaseWeight { get; init; } = 5;
    /// <summary>A good rating (4–5 stars): more than putting it in a cart, less than paying for it.</summary>
    public double LikedWeight { get; init; } = 4;
    /// <summary>
    /// A product this close (co-occurrence cosine, 0..1) to one the shopper rated 1–2 stars is withheld from their personal
    /// list along with it: what people keep choosing together with a disappointing product is mostly more of the same.
    /// </summary>
    public double DislikedNeighbourSimilarity { get; init; } = 0.5;
    /// <summary>Added to a similar-product score for the same category / brand (co-occurrence scores lie in 0..1).</summary>
    public double SameCategoryBoost { get; init; } = 0.05;
    public double SameBrandBoost { get; init; } = 0.03;
    /// <summary>
    /// Weights in a personal score of category and brand affinity (the shopper's share of interest in the product's
    /// category/brand, 0..1, times the product's popularity relative to its category's best seller) and of plain popularity.
    /// </summary>
    public double CategoryAffinityWeight { get; init; } = 0.3;
    public double BrandAffinityWeight { get; init; } = 0.2;
    public double PopularityWeight { get; init; } = 0.1;
    /// <summary>Which shoppers get a personal list (signed-in customers; visitors and carts only feed the item model).</summary>
    public Func<string, bool> IsPersonal { get; init; } = _ => true;
}

/// <summary>
/// Item-to-item collaborative filtering with content and popularity blended in. Pure (no I/O, no clock), so
/// the scheduled recompute and the offline evaluation run exactly the same code.
/// <list type="bullet">
/// <item>bought together: cosine of purchase co-occurrence, c(i,j) / √(n(i)·n(j));</item>
/// <item>similar: cosine of weighted co-occurrence in views, carts and purchases (each shopper damped by the
/// length of their history, so a heavy browser does not tie everything together), plus same category/brand;</item>
/// <item>personal: the co-occurrence scores of the shopper's recent products (recent weighing more), summed, plus
/// category and brand affinity times the product's standing in its category; never a product already bought;</item>
/// <item>popular: interest decayed by age (trending), overall and per category: the cold-start answer.</item>
/// </list>
/// Ratings: 4–5 stars count as interest (<see cref="RecommenderOptions.LikedWeight"/>). 1–2 stars are kept apart, as a
/// veto for that shopper alone: the product adds nothing to the shared model, stops pulling its neighbours into the
/// shopper's list, and it and its close neighbours are withheld from that list. Deliberately simple: no negative
/// weights in the co-occurrence, so one unhappy customer never reshapes what everyone else is shown.

/// </summary>
public static class Recommender
{
    private const int NeighboursPerItem = 50;
    private const int AffinityCandidates = 30;

    public static RecommendationSnapshot Compute(IEnumerable<Behaviour> behaviour, IReadOnlyList<CatalogueFacts> catalogue, DateTimeOffset now,
        RecommenderOptions? options = null)
    {
        var o = options ?? new RecommenderOptions();
        var n = catalogue.Count;
        var index = new Dictionary<Guid, int>(n);
        for (var i = 0; i < n; i++) index[catalogue[i].ProductId] = i;

        // One profile per shopper: product → (strength, last seen, bought). Products we know nothing of are ignored.
        var profiles = new Dictionary<string, Dictionary<int, Interest>>();
        var dislikes = new Dictionary<string, HashSet<int>>();
        foreach (var b in behaviour)
        {
            if (!index.TryGetValue(b.ProductId, out var item)) continue;
            if (b.Kind == BehaviourKind.Disliked)
            {
                if (!dislikes.TryGetValue(b.Subject, out var vetoed)) dislikes[b.Subject] = vetoed = [];
                vetoed.Add(item);
                continue;
            }
            if (!profiles.TryGetValue(b.Subject, out var profile)) profiles[b.Subject] = profile = [];
            var strength = Weight(o, b.Kind) * (1 + 0.1 * Math.Log(Math.Max(1, b.Count)));
            profile[item] = profile.TryGetValue(item, out var seen)
                ? new Interest(Math.Max(seen.Strength, strength), seen.LastAt > b.LastAt ? seen.LastAt : b.LastAt, seen.Bought || b.Kind == BehaviourKind.Purchase)
                : new Interest(strength, b.LastAt, b.Kind == BehaviourKind.Purchase);
        }

        var popularity = new double[n];
        var co = new Dictionary<int, double>[n];
        var norm = new double[n];
        var bought = new Dictionary<int, double>[n];
        var buyers = new double[n];
        var histories = new Dictionary<string, (int Item, Interest Interest)[]>(profiles.Count);
        foreach (var (subject, profile) in profiles)
        {
            var history = profile.Select(p => (Item: p.Key, Interest: p.Value)).OrderByDescending(p => p.Interest.LastAt).Take(o.MaxHistory).ToArray();
            histories[subject] = history;
            var damping = 1 / Math.Log(2 + history.Length);
            foreach (var (item, interest) in history)
            {
                popularity[item] += interest.Strength * Decay(now - interest.LastAt, o.PopularityHalfLife);
                norm[item] += interest.Strength * interest.Strength * damping;
                if (interest.Bought) buyers[item] += 1;
            }
            for (var a = 0; a < history.Length; a++)
            for (var b = a + 1; b < history.Length; b++)
            {
                var (i, x) = history[a];
                var (j, y) = history[b];
                var w = x.Strength * y.Strength * damping;
                Add(co, i, j, w);
                Add(co, j, i, w);
                if (x.Bought && y.Bought)
                {
                    Add(bought, i, j, 1);
                    Add(bought, j, i, 1);
                }
            }
        }

        var sellable = catalogue.Select(c => c.Listed).ToArray();
        var popular = TopPopular(catalogue, popularity, sellable, o.ListLength);
        var maxPopularity = Math.Max(popularity.Max(p => (double?)p) ?? 0, 1e-9);

        // Pure co-occurrence neighbours, for the personal scores; unsellable ones still carry signal between items.
        var neighbours = new (int Item, double Sim)[n][];
        var boughtTogether = new Dictionary<Guid, IReadOnlyList<Scored>>();
        var similar = new Dictionary<Guid, IReadOnlyList<Scored>>();
        for (var i = 0; i < n; i++)
        {
            var row = co[i];
            neighbours[i] = row is null ? [] : row
                .Select(kv => (Item: kv.Key, Sim: kv.Value / Math.Sqrt(norm[i] * norm[kv.Key])))
                .OrderByDescending(x => x.Sim).Take(NeighboursPerItem).ToArray();

            if (bought[i] is { } pairs)
            {
                var list = pairs.Where(kv => sellable[kv.Key])
                    .Select(kv => new Scored(catalogue[kv.Key].ProductId, kv.Value / Math.Sqrt(buyers[i] * buyers[kv.Key])))
                    .OrderByDescending(s => s.Score).ThenBy(s => s.ProductId).Take(o.ListLength).ToList();
                if (list.Count > 0) boughtTogether[catalogue[i].ProductId] = list;
            }

            var me = catalogue[i];
            var candidates = new Dictionary<int, double>();
            foreach (var (j, sim) in neighbours[i]) candidates[j] = sim;
            // Content: the category's popular products, so a product nobody has paired yet still has relatives.
            if (me.Category is not null && popular.TryGetValue(me.Category, out var sameCategory))
                foreach (var s in sameCategory.Take(AffinityCandidates)) candidates.TryAdd(index[s.ProductId], 0);
            var similarList = candidates
                .Where(c => c.Key != i && sellable[c.Key])
                .Select(c => new Scored(catalogue[c.Key].ProductId, c.Value
                    + (me.Category is not null && catalogue[c.Key].Category == me.Category ? o.SameCategoryBoost : 0)
                    + (me.Brand is not null && catalogue[c.Key].Brand == me.Brand ? o.SameBrandBoost : 0)))
                .Where(s => s.Score > 0)
                .OrderByDescending(s => s.Score).ThenBy(s => s.ProductId).Take(o.ListLength).ToList();
            if (similarList.Count > 0) similar[me.ProductId] = similarList;
        }

        var byBrand = catalogue.Select((c, i) => (c.Brand, Item: i)).Where(x => x.Brand is not null && sellable[x.Item])
            .GroupBy(x => x.Brand!).ToDictionary(g => g.Key, g => g.OrderByDescending(x => popularity[x.Item]).Take(AffinityCandidates).Select(x => x.Item).ToArray());
        // A product's popularity relative to the best seller of its category: affinity picks the shelf, this the product on it.
        var categoryTop = popular.ToDictionary(p => p.Key, p => p.Value.Count > 0 ? Math.Max(p.Value[0].Score, 1e-9) : 1e-9);
        double Relative(int item) => catalogue[item].Category is { } c && categoryTop.TryGetValue(c, out var top) ? popularity[item] / top : 0;
        // The disliked products and their close neighbours, per personal shopper.
        var withheld = new Dictionary<string, HashSet<int>>();
        foreach (var (subject, vetoed) in dislikes)
        {
            if (!o.IsPersonal(subject)) continue;
            var set = withheld[subject] = [.. vetoed];
            foreach (var item in vetoed)
            foreach (var (j, sim) in neighbours[item])
                if (sim >= o.DislikedNeighbourSimilarity) set.Add(j);
        }

        var personal = new Dictionary<string, IReadOnlyList<Scored>>();
        foreach (var (subject, history) in histories)
        {
            if (!o.IsPersonal(subject)) continue;
            var vetoed = dislikes.GetValueOrDefault(subject);
            var hidden = withheld.GetValueOrDefault(subject);
            var weights = history.Where(h => vetoed is null || !vetoed.Contains(h.Item))
                .Select(h => (h.Item, W: h.Interest.Strength * Decay(now - h.Interest.LastAt, o.ProfileHalfLife))).ToArray();
            var total = Math.Max(weights.Sum(w => w.W), 1e-9);
            var categoryAffinity = new Dictionary<string, double>();
            var brandAffinity = new Dictionary<string, double>();
            var scores = new Dictionary<int, double>();
            foreach (var (item, w) in weights)
            {
                if (catalogue[item].Category is { } c) categoryAffinity[c] = categoryAffinity.GetValueOrDefault(c) + w / total;
                if (catalogue[item].Brand is { } b) brandAffinity[b] = brandAffinity.GetValueOrDefault(b) + w / total;
                foreach (var (j, sim) in neighbours[item]) scores[j] = scores.GetValueOrDefault(j) + w * sim / total;
            }
            foreach (var (c, _) in categoryAffinity.OrderByDescending(a => a.Value).Take(3))
                if (popular.TryGetValue(c, out var inCategory))
                    foreach (var s in inCategory.Take(AffinityCandidates)) scores.TryAdd(index[s.ProductId], 0);
            foreach (var (b, _) in brandAffinity.OrderByDescending(a => a.Value).Take(2))
                if (byBrand.TryGetValue(b, out var ofBrand))
                    foreach (var j in ofBrand) scores.TryAdd(j, 0);

            var owned = history.Where(h => h.Interest.Bought).Select(h => h.Item).ToHashSet();
            var list = scores
                .Where(s => sellable[s.Key] && !owned.Contains(s.Key) && (hidden is null || !hidden.Contains(s.Key)))
                .Select(s => new Scored(catalogue[s.Key].ProductId, s.Value
                    + o.CategoryAffinityWeight * (catalogue[s.Key].Category is { } c ? categoryAffinity.GetValueOrDefault(c) : 0) * Relative(s.Key)
                    + o.BrandAffinityWeight * (catalogue[s.Key].Brand is { } b ? brandAffinity.GetValueOrDefault(b) : 0) * Relative(s.Key)
                    + o.PopularityWeight * popularity[s.Key] / maxPopularity))
                .OrderByDescending(s => s.Score).ThenBy(s => s.ProductId).Take(o.ListLength).ToList();
            if (list.Count > 0) personal[subject] = list;
        }

        return new RecommendationSnapshot(boughtTogether, similar, personal, popular, profiles.Count, n)
        {
            Withheld = withheld.ToDictionary(w => w.Key, w => (IReadOnlyList<Guid>)w.Value.Select(i => catalogue[i].ProductId).Order().ToList())
        };
    }

    private static Dictionary<string, IReadOnlyList<Scored>> TopPopular(IReadOnlyList<CatalogueFacts> catalogue, double[] popularity, bool[] sellable, int length)
    {
        var ranked = Enumerable.Range(0, catalogue.Count).Where(i => sellable[i] && popularity[i] > 0)
            .OrderByDescending(i => popularity[i]).ThenBy(i => catalogue[i].ProductId).ToList();
        var lists = new Dictionary<string, IReadOnlyList<Scored>> { [""] = ranked.Take(length).Select(i => new Scored(catalogue[i].ProductId, popularity[i])).ToList() };
        foreach (var group in ranked.Where(i => catalogue[i].Category is not null).GroupBy(i => catalogue[i].Category!))
            lists[group.Key] = group.Take(length).Select(i => new Scored(catalogue[i].ProductId, popularity[i])).ToList();
        return lists;
    }

    private static double Weight(RecommenderOptions o, BehaviourKind kind) => kind switch
    {
        BehaviourKind.Purchase => o.PurchaseWeight,
        BehaviourKind.Liked => o.LikedWeight,
        BehaviourKind.Cart => o.CartWeight,
        _ => o.ViewWeight
    };

    private static double Decay(TimeSpan age, TimeSpan halfLife) =>
        Math.Pow(0.5, Math.Max(0, age.TotalSeconds) / halfLife.TotalSeconds);

    private static void Add(Dictionary<int, double>[] matrix, int i, int j, double w)
    {
        var row = matrix[i] ??= [];
        row[j] = row.GetValueOrDefault(j) + w;
    }

    private readonly record struct Interest(double Strength, DateTimeOffset LastAt, bool Bought);
}
