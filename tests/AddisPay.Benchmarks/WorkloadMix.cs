namespace AddisPay.Benchmarks;

/// <summary>What a shopper does next in the workload-mix benchmark.</summary>
public enum ShopperAction { ViewProduct, AddToCart, ViewCart, Home, Checkout, Search }

/// <summary>
/// The share of each shopper action, and the choice of the next one from a uniform number in [0, 1). Online Boutique's
/// load generator mix (index 1, setCurrency 2, browseProduct 10, addToCart 2, viewCart 3, checkout 1 out of 19) with its
/// currency switches folded into product views, plus searches, which that shop has not got.
/// </summary>
public sealed class WorkloadMix
{
    public static WorkloadMix OnlineBoutiqueWithSearch { get; } = new([
        (ShopperAction.ViewProduct, 57), (ShopperAction.AddToCart, 13), (ShopperAction.ViewCart, 13),
        (ShopperAction.Home, 4), (ShopperAction.Checkout, 4), (ShopperAction.Search, 9)]);

    private readonly (ShopperAction Action, double Upto)[] _cumulative;

    public WorkloadMix(IReadOnlyList<(ShopperAction Action, double Weight)> weights)
    {
        if (weights.Count == 0 || weights.Any(w => w.Weight < 0) || weights.Sum(w => w.Weight) <= 0)
            throw new ArgumentException("A mix needs at least one action and positive weights.", nameof(weights));
        Weights = weights;
        var total = weights.Sum(w => w.Weight);
        var running = 0.0;
        _cumulative = weights.Select(w => (w.Action, Upto: running += w.Weight / total)).ToArray();
    }

    public IReadOnlyList<(ShopperAction Action, double Weight)> Weights { get; }

    /// <summary>The action's share of all actions, 0..1.</summary>
    public double Share(ShopperAction action) => Weights.Where(w => w.Action == action).Sum(w => w.Weight) / Weights.Sum(w => w.Weight);

    /// <param name="uniform">A number in [0, 1), e.g. <see cref="Random.NextDouble"/>.</param>
    public ShopperAction Pick(double uniform)
    {
        if (uniform is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(uniform), uniform, "Expected a number in [0, 1).");
        foreach (var (action, upto) in _cumulative)
            if (uniform < upto) return action;
        // Rounding can leave the last bound a hair below 1.
        return Weights.Last(w => w.Weight > 0).Action;
    }

    /// <summary>The value at <paramref name="percentile"/> (nearest rank) of unsorted samples; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percentile)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The median of a few figures (of windows); NaN when there are none.</summary>
    public static double Median(IReadOnlyCollection<double> figures)
    {
        if (figures.Count == 0) return double.NaN;
        var s = figures.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
