using AddisPay.Recommendations.Domain;

/// <summary>
/// Offline evaluation of the recommender the Recommendations module serves (the same <see cref="Recommender"/>
/// class, no database): generates shoppers with planted tastes (favourite categories and a favourite brand, and
/// products that are bought together), hides each shopper's last purchases, and asks whether the personal
/// list (topped up from the popular list, as serving does) finds them, against the popular list alone.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- recommendations [--seed 42] [--users 3000] [--products 600]
/// </summary>
internal static class RecommendationsEvaluation
{
    private const int K = 10;
    private const int HeldOut = 2;

    private sealed record Event(int User, int Product, BehaviourKind Kind, DateTimeOffset At);

    public static Task<int> RunAsync(string[] args)
    {
        var seed = Arg(args, "--seed", 42);
        var users = Arg(args, "--users", 3000);
        var productCount = Arg(args, "--products", 600);
        const int categories = 20, brands = 30;
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

        // Catalogue: categories and brands at random, a skewed (Zipf-like) base popularity, and for every
        // product one partner from another category that is often bought with it (coffee and a jebena).
        var category = Enumerable.Range(0, productCount).Select(_ => random.Next(categories)).ToArray();
        var brand = Enumerable.Range(0, productCount).Select(_ => random.Next(brands)).ToArray();
        var basePopularity = Enumerable.Range(0, productCount).Select(i => 1 / Math.Pow(i + 1, 0.8)).OrderBy(_ => random.Next()).ToArray();
        var inCategory = Enumerable.Range(0, categories).Select(c => Enumerable.Range(0, productCount).Where(p => category[p] == c).ToArray()).ToArray();
        var partner = Enumerable.Range(0, productCount).Select(p =>
        {
            var other = inCategory[(category[p] + 1 + random.Next(categories - 1)) % categories];
            return other.Length == 0 ? -1 : other[random.Next(other.Length)];
        }).ToArray();
        var catalogue = Enumerable.Range(0, productCount)
            .Select(p => new CatalogueFacts(ProductId(p), $"category-{category[p]}", $"brand-{brand[p]}", Listed: true)).ToList();

        // Shoppers: two favourite categories and one favourite brand; each visit looks at products, some go to
        // the cart, some are bought, often with their partner.
        var events = new List<Event>();
        for (var u = 0; u < users; u++)
        {
            var favourites = new[] { random.Next(categories), random.Next(categories) };
            var favouriteBrand = random.Next(brands);
            var visits = 8 + random.Next(23);
            var at = start.AddHours(random.NextDouble() * 24 * 10);
            for (var v = 0; v < visits; v++)
            {
                at = at.AddHours(1 + random.NextDouble() * 72);
                var c = random.NextDouble() < 0.8 ? favourites[random.Next(2)] : random.Next(categories);
                if (inCategory[c].Length == 0) continue;
                var product = Pick(random, inCategory[c], p => basePopularity[p] * (brand[p] == favouriteBrand ? 5 : 1));
                events.Add(new Event(u, product, BehaviourKind.View, at));
                if (random.NextDouble() < 0.5)
                    events.Add(new Event(u, Pick(random, inCategory[c], p => basePopularity[p]), BehaviourKind.View, at));
                if (random.NextDouble() >= 0.35) continue;
                events.Add(new Event(u, product, BehaviourKind.Cart, at));
                if (random.NextDouble() >= 0.6) continue;
                events.Add(new Event(u, product, BehaviourKind.Purchase, at));
                if (partner[product] >= 0 && random.NextDouble() < 0.5)
                    events.AddRange([new Event(u, partner[product], BehaviourKind.View, at), new Event(u, partner[product], BehaviourKind.Cart, at),
                        new Event(u, partner[product], BehaviourKind.Purchase, at)]);
            }
        }

        // Hold out each shopper's last purchases: everything from the first held-out purchase on is hidden.
        var train = new List<Event>();
        var tests = new Dictionary<int, HashSet<int>>();
        foreach (var history in events.GroupBy(e => e.User))
        {
            var purchases = history.Where(e => e.Kind == BehaviourKind.Purchase).OrderBy(e => e.At).ToList();
            var distinct = purchases.Select(e => e.Product).Distinct().ToList();
            if (distinct.Count < HeldOut + 2) { train.AddRange(history); continue; }
            var cut = purchases.First(e => e.Product == distinct[^HeldOut]).At;
            var before = history.Where(e => e.At < cut).ToList();
            var boughtBefore = before.Where(e => e.Kind == BehaviourKind.Purchase).Select(e => e.Product).ToHashSet();
            var hidden = history.Where(e => e.At >= cut && e.Kind == BehaviourKind.Purchase && !boughtBefore.Contains(e.Product)).Select(e => e.Product).ToHashSet();
            train.AddRange(before);
            if (hidden.Count > 0) tests[history.Key] = hidden;
        }

        // The rows the module's interactions table would hold: one per shopper, product and kind.
        var behaviour = train.GroupBy(e => (e.User, e.Product, e.Kind))
            .Select(g => new Behaviour(Subject(g.Key.User), ProductId(g.Key.Product), g.Key.Kind, g.Count(), g.Max(e => e.At))).ToList();
        var now = train.Max(e => e.At);
        var watch = Stopwatch.StartNew();
        // The options the module serves with (only which shoppers get a personal list is said here, as ModelRecompute does).
        var model = Recommender.Compute(behaviour, catalogue, now, new RecommenderOptions { IsPersonal = s => s.StartsWith("u:", StringComparison.Ordinal) });
        var computeMs = watch.ElapsedMilliseconds;

        var bought = train.Where(e => e.Kind == BehaviourKind.Purchase).GroupBy(e => e.User)
            .ToDictionary(g => g.Key, g => g.Select(e => ProductId(e.Product)).ToHashSet());
        var popular = model.Popular[""];
        double hrModel = 0, ndcgModel = 0, hrPopular = 0, ndcgPopular = 0;
        var personalLists = 0;
        foreach (var (user, hidden) in tests)
        {
            var owned = bought.GetValueOrDefault(user) ?? [];
            var relevant = hidden.Select(ProductId).ToHashSet();
            var personal = model.Personal.GetValueOrDefault(Subject(user)) ?? [];
            if (personal.Count > 0) personalLists++;
            // Serving tops a short personal list up from the popular list; the baseline is that list alone.
            var ours = personal.Select(s => s.ProductId).Concat(popular.Select(s => s.ProductId)).Where(p => !owned.Contains(p)).Distinct().Take(K).ToList();
            var baseline = popular.Select(s => s.ProductId).Where(p => !owned.Contains(p)).Take(K).ToList();
            hrModel += ours.Any(relevant.Contains) ? 1 : 0;
            ndcgModel += Ndcg(ours, relevant);
            hrPopular += baseline.Any(relevant.Contains) ? 1 : 0;
            ndcgPopular += Ndcg(baseline, relevant);
        }
        var n = tests.Count;
        Console.WriteLine($"""
            ## Recommendations: offline evaluation against the popularity baseline

            Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- recommendations --seed {seed} --users {users} --products {productCount}`
            Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}. Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
            Data (generated, seed {seed}): {users} shoppers, {productCount} products in {categories} categories and {brands} brands, {events.Count:N0} events
            ({events.Count(e => e.Kind == BehaviourKind.View):N0} views, {events.Count(e => e.Kind == BehaviourKind.Cart):N0} cart additions,
            {events.Count(e => e.Kind == BehaviourKind.Purchase):N0} purchases). Planted: each shopper favours two categories (80% of visits)
            and one brand (5× as likely within a category); each product has a partner in another category bought with it half the time.
            Held out: each shopper's last {HeldOut} distinct purchases and everything after the first of them ({n} shoppers with at least
            {HeldOut + 2} distinct purchases); the model is trained on the rest ({behaviour.Count:N0} interaction rows) in {computeMs} ms.
            Both lists leave out what the shopper already bought; personal lists are topped up from the popular list as serving does
            ({personalLists} of {n} shoppers had a personal list).

            | recommender | hit-rate@{K} | NDCG@{K} |
            |---|---|---|
            | popularity (recency-weighted, whole shop) | {hrPopular / n:F3} | {ndcgPopular / n:F3} |
            | Recommendations for-me (item-to-item + category/brand affinity) | {hrModel / n:F3} | {ndcgModel / n:F3} |
            | ratio | {hrModel / Math.Max(hrPopular, 1e-9):F2}× | {ndcgModel / Math.Max(ndcgPopular, 1e-9):F2}× |
            """);
        return Task.FromResult(0);
    }

    private static double Ndcg(IReadOnlyList<Guid> ranked, HashSet<Guid> relevant)
    {
        var dcg = ranked.Select((p, i) => relevant.Contains(p) ? 1 / Math.Log2(i + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(relevant.Count, K)).Sum(i => 1 / Math.Log2(i + 2));
        return dcg / ideal;
    }

    private static int Pick(Random random, int[] items, Func<int, double> weight)
    {
        var total = items.Sum(weight);
        var x = random.NextDouble() * total;
        foreach (var item in items)
        {
            x -= weight(item);
            if (x <= 0) return item;
        }
        return items[^1];
    }

    private static Guid ProductId(int p) => new($"00000000-0000-0000-0000-{p:D12}");
    private static string Subject(int u) => $"u:{new Guid($"00000000-0000-0000-0001-{u:D12}")}";

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
