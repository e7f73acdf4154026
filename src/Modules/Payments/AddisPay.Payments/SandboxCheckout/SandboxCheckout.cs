using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using AddisPay.Payments.Gateways.Sandbox;

namespace AddisPay.Payments.SandboxCheckout;

/// <summary>The hosted page's form, as the API document describes it (the endpoint reads the form itself).</summary>
internal sealed record SandboxChoice([property: Required, AllowedValues(SandboxOutcomes.Success, SandboxOutcomes.Failure, SandboxOutcomes.Delayed)] string Outcome);

/// <summary>
/// The sandbox's hosted payment page. Choosing an outcome records it on the sandbox's side and, except
/// for "delayed", sends the signed webhook through the same intake a real gateway's webhook goes through.
/// </summary>
internal static class SandboxCheckout
{
    /// <summary>
    /// The platform's page policy without form-action: after the POST the page is redirected to the shop's return
    /// address, and browsers check that redirect against form-action too.
    /// </summary>
    private const string PagePolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

    private const string Css = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{display:block;width:100%;margin:.5rem 0;padding:.8rem;font-size:1rem}";

    public static void MapSandboxCheckout(this IEndpointRouteBuilder api)
    {
        api.MapGet("/sandbox/checkout/{reference}", async (string reference, SandboxGateway sandbox, CancellationToken ct) =>
            {
                if (!sandbox.Enabled) return Results.NotFound();
                var charge = await sandbox.FindChargeAsync(reference, ct);
                return charge is null ? Results.Problem(statusCode: 404, title: "No such sandbox charge.") : Results.Content(Page(charge), "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .WithContentSecurityPolicy(PagePolicy)
            .WithName("SandboxCheckoutPage")
            .WithSummary("The sandbox gateway's hosted payment page, where a started sandbox payment's checkout link leads.")
            .WithDescription("An HTML page (English and Amharic) showing the charge, with three choices: pay, decline, or pay but lose the webhook "
                + "(reconciliation finds it later). No real money moves; 404 when the sandbox gateway is off.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/sandbox/checkout/{reference}", async (string reference, HttpRequest request, SandboxGateway sandbox,
                WebhookIntake intake, StorefrontReturn storefront, CancellationToken ct) =>
            {
                if (!sandbox.Enabled) return Results.NotFound();
                var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
                var outcome = form?["outcome"].ToString();
                if (outcome is null || !SandboxOutcomes.All.Contains(outcome))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = [$"Choose one of: {string.Join(", ", SandboxOutcomes.All)}."] });

                var charge = await sandbox.ChooseAsync(reference, outcome, ct);
                if (charge is null)
                {
                    var ended = await sandbox.FindChargeAsync(reference, ct);
                    return ended is null
                        ? Results.Problem(statusCode: 404, title: "No such sandbox charge.")
                        : Results.Problem(statusCode: 409, title: $"This charge already ended as {ended.Outcome}.");
                }

                if (outcome != SandboxOutcomes.Delayed)
                {
                    var body = sandbox.WebhookBody(charge);
                    await intake.ReceiveAsync(sandbox.Name, new Dictionary<string, string> { [SandboxGateway.SignatureHeader] = sandbox.Sign(body) }, body, ct);
                }
                // Checked again on the way out: a charge started before the storefront's origins changed keeps its old address.
                return charge.ReturnUrl is { } back && storefront.IsAllowed(back)
                    ? Results.Redirect($"{back}{(back.Contains('?') ? '&' : '?')}tx_ref={Uri.EscapeDataString(reference)}&status={outcome}")
                    : Results.Content(Done(charge), "text/html; charset=utf-8");
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithContentSecurityPolicy(PagePolicy)
            .WithName("SandboxCheckoutChoose")
            .WithSummary("Chooses the sandbox charge's outcome, as the hosted page's buttons do.")
            .WithDescription("success and failure send the signed webhook at once; delayed records the payment without one. Then the "
                + "browser goes back to the shop's return address (302 with tx_ref and status), or gets a short HTML page.")
            .Accepts<SandboxChoice>("application/x-www-form-urlencoded")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces(StatusCodes.Status302Found)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static string Page(SandboxCharge c)
    {
        var reference = WebUtility.HtmlEncode(c.Reference);
        var amount = c.AmountEtb.ToString("N2", CultureInfo.InvariantCulture);
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>AddisPay sandbox checkout</title>
            <style>{Css}</style>
            </head><body>
            <h1>Sandbox payment / የሙከራ ክፍያ</h1>
            <p>{WebUtility.HtmlEncode(c.Description)}: <strong>{amount} {WebUtility.HtmlEncode(c.Currency)}</strong></p>
            <p><small>Reference {reference}. No real money moves.</small></p>
            <form method="post">
              <button name="outcome" value="success">Pay / ክፈል</button>
              <button name="outcome" value="failure">Decline / ውድቅ</button>
              <button name="outcome" value="delayed">Pay, but lose the webhook (reconciliation finds it)</button>
            </form>
            </body></html>
            """;
    }

    private static string Done(SandboxCharge c) =>
        $"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox payment</title></head><body><h1>Payment {WebUtility.HtmlEncode(c.Outcome)}</h1><p>{WebUtility.HtmlEncode(c.Reference)}</p></body></html>""";
}
