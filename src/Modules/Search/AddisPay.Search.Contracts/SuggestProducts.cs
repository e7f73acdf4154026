using Mediator;

namespace AddisPay.Search.Contracts;

/// <summary>
/// Autocomplete for what a shopper is typing (up to 100 characters): product names with a word starting with the last
/// word typed, best-placed products first, a misspelt word corrected from the catalogue's words.
/// </summary>
public sealed record SuggestProducts(string Text, int Limit = 8) : IQuery<IReadOnlyList<ProductSuggestion>>;

public sealed record ProductSuggestion(string Slug, string Name, string NameAm);
