namespace AddisPay.Payments.ChapaCallback;

internal static class ChapaCallbackEndpoints
{
    public static void MapChapaCallback(this IEndpointRouteBuilder api)
    {
        // Chapa sends the customer's browser (and a server GET) here after checkout. Unsigned, so it only
        // triggers a verification with Chapa; it can't mark anything paid by itself.
        api.MapGet("/callbacks/chapa", async (string? trx_ref, string? tx_ref, PaymentConfirmation confirmation, CancellationToken ct) =>
            {
                var reference = trx_ref ?? tx_ref;
                if (string.IsNullOrWhiteSpace(reference) || reference.Length > 100)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["trx_ref"] = ["The transaction reference is required."] });
                var outcome = await confirmation.ConfirmAsync(reference, "callback", ct);
                return outcome == ConfirmationOutcome.Unknown
                    ? Results.Problem(statusCode: 404, title: "No payment has this reference.")
                    : Results.Ok(new { reference, outcome = outcome.ToString().ToLowerInvariant() });
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Webhooks)
            .WithName("ChapaCallback")
            .WithSummary("Chapa's callback after checkout: verifies the payment with Chapa.");
    }
}
