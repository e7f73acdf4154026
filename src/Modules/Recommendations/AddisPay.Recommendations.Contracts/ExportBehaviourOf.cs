using Mediator;

namespace AddisPay.Recommendations.Contracts;

/// <summary>
/// Everything Recommendations holds about a customer, for their data export: the behaviour it learns from (products
/// viewed, put in a cart, bought, rated), counted per product and kind, and the personal list last computed from it.
/// </summary>
public sealed record ExportBehaviourOf(Guid UserId) : IQuery<BehaviourExport>;

public sealed record BehaviourExport(IReadOnlyList<ExportedBehaviour> Behaviour, IReadOnlyList<ExportedRecommendation> RecommendedForYou);

/// <param name="Kind">view, cart, purchase, liked (rated 4 or 5) or disliked (rated 1 or 2).</param>
/// <param name="Count">How many times (a repeated view counts again).</param>
public sealed record ExportedBehaviour(Guid ProductId, string Kind, int Count, DateTimeOffset FirstAt, DateTimeOffset LastAt);

public sealed record ExportedRecommendation(int Rank, Guid ProductId, double Score);
