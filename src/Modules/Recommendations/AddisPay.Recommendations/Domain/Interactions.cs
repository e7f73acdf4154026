namespace AddisPay.Recommendations.Domain;

/// <summary>Who behaviour is kept under (recorded by <see cref="Data.InteractionSql"/>): a customer, a visitor's cookie, or a visitor's cart.</summary>
internal static class Interactions
{
    public static string OfUser(Guid id) => $"u:{id}";
    public static string OfVisitor(Guid id) => $"v:{id}";
    public static string OfCart(Guid id) => $"c:{id}";
}
