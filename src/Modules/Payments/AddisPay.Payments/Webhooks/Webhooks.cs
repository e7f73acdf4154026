namespace AddisPay.Payments.Webhooks;

internal static class WebhookEndpoints
{
    private const int MaxBody = 64 * 1024;

    public static void MapWebhooks(this IEndpointRouteBuilder api)
    {
        // Gateways call these without a user token: the signature is the authentication. telebirr's notify_url is
        // /api/payments/webhooks/telebirr (its notification is JSON carrying sign and sign_type); it needs no callback
        // of its own: its redirect_url is the storefront's return address, and the notification or reconciliation settles.
        api.MapPost("/webhooks/{gateway}", async (string gateway, HttpRequest request, WebhookIntake intake, CancellationToken ct) =>
            {
                if (request.ContentLength > MaxBody) return Results.Problem(statusCode: 413, title: "Webhook body too large.");
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, ct);
                if (buffer.Length > MaxBody) return Results.Problem(statusCode: 413, title: "Webhook body too large.");
                var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
                return await intake.ReceiveAsync(gateway.ToLowerInvariant(), headers, buffer.ToArray(), ct) switch
                {
                    WebhookVerdict.Accepted => Results.Ok(new { received = true }),
                    WebhookVerdict.Duplicate => Results.Ok(new { received = true, duplicate = true }),
                    WebhookVerdict.BadSignature => Results.Problem(statusCode: 401, title: "The webhook signature does not verify."),
                    WebhookVerdict.UnknownPayment => Results.Problem(statusCode: 404, title: "No payment has this reference."),
                    WebhookVerdict.Mismatch => Results.Problem(statusCode: 422, title: "The webhook's amount or currency does not match the payment."),
                    _ => Results.Problem(statusCode: 404, title: $"No gateway named {gateway}.")
                };
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Webhooks)
            .WithName("ReceiveWebhook")
            .WithSummary("Gateway webhooks (chapa: x-chapa-signature; sandbox: x-sandbox-signature; telebirr: its notify_url, RSA sign in the body), verified, checked against the payment and confirmed with the gateway.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
