using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AddisPay.Shared.Http;

/// <summary>
/// Validates a request body with its DataAnnotations (and <see cref="IValidatableObject"/> rules) before the
/// endpoint runs, answering 400 problem details with an error list per field.
/// </summary>
public static class Validation
{
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder endpoint) where TRequest : class =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
            if (request is null)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A request body is required."] });
            var errors = Errors(request);
            return errors.Count > 0 ? Results.ValidationProblem(errors) : await next(context);
        }).ProducesValidationProblem();

    public static Dictionary<string, string[]> Errors(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: Camel(m), r.ErrorMessage)))
            .GroupBy(x => x.Member)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage ?? "Invalid.").ToArray());
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
