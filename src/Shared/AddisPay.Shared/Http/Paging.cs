namespace AddisPay.Shared.Http;

/// <summary>
/// The bounds of every list endpoint's page and page size. The page is capped so that the offset always fits the
/// database's arithmetic (page=2147483647 overflowed OFFSET into a 500) and no request makes PostgreSQL skip millions
/// of rows; beyond ten thousand pages a caller filters or searches instead.
/// </summary>
public static class Paging
{
    public const int MaxPage = 10_000;

    /// <summary>Adds a field error for each bound the page or page size breaks (a missing value takes its default).</summary>
    public static Dictionary<string, string[]> Check(Dictionary<string, string[]> errors, int? page, int? pageSize, int maxPageSize = 100)
    {
        if (page is < 1 or > MaxPage) errors["page"] = [$"page goes from 1 to {MaxPage}."];
        if (pageSize < 1 || pageSize > maxPageSize) errors["pageSize"] = [$"pageSize goes from 1 to {maxPageSize}."];
        return errors;
    }

    public static Dictionary<string, string[]> Errors(int? page, int? pageSize, int maxPageSize = 100) => Check([], page, pageSize, maxPageSize);
}
