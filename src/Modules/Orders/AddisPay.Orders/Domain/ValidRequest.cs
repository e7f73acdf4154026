namespace AddisPay.Orders.Domain;

/// <summary>Another module's request is validated as the API's endpoints validate theirs: the same field errors, as a ValidationFailedException.</summary>
internal static class ValidRequest
{
    public static T Of<T>(T request) where T : class =>
        Validation.Errors(request) is { Count: > 0 } errors ? throw new ValidationFailedException(errors) : request;
}
