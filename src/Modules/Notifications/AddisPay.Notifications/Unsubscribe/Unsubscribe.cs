using System.Net;
using AddisPay.Users.Contracts;

namespace AddisPay.Notifications.Unsubscribe;

/// <summary>
/// The customer named by a signed unsubscribe token leaves promotions (Users keeps the choice); when the link came from a
/// campaign, the campaign's results count it once per customer.
/// </summary>
internal sealed record UnsubscribeCustomer(Guid UserId, Guid? CampaignId) : ICommand;

internal sealed class UnsubscribeCustomerHandler(ISender sender, NotificationsDbContext db, TimeProvider clock) : ICommandHandler<UnsubscribeCustomer>
{
    public async ValueTask<Unit> Handle(UnsubscribeCustomer command, CancellationToken ct)
    {
        var known = await sender.Send(new OptOutOfPromotions(command.UserId), ct);
        if (!known || command.CampaignId is not { } campaignId
            || await db.CampaignUnsubscribes.AnyAsync(u => u.CampaignId == campaignId && u.UserId == command.UserId, ct)) return Unit.Value;
        db.CampaignUnsubscribes.Add(new CampaignUnsubscribe { CampaignId = campaignId, UserId = command.UserId, At = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The mail client's one-click POST and the customer's click at once: the other request counted it.
        }
        return Unit.Value;
    }
}

/// <summary>
/// The unsubscribe link of every promotional email. It works without signing in: the signed token names the user.
/// GET shows a confirmation page (mail scanners follow links, so a plain GET changes nothing); its button POSTs,
/// and GET with confirm=true opts out directly. POST also serves one-click unsubscribe from mail clients.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder api)
    {
        api.MapGet("/unsubscribe", async (string? token, bool? confirm, UnsubscribeTokens tokens, ISender sender, CancellationToken ct) =>
            {
                var (userId, campaignId) = Read(tokens, token);
                if (confirm != true) return Page(ConfirmHtml(token!));
                await sender.Send(new UnsubscribeCustomer(userId, campaignId), ct);
                return Page(DoneHtml);
            })
            .AllowAnonymous().WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy).WithName("UnsubscribePage").WithSummary("Unsubscribe link from a promotional email: a confirmation page, or opts out with confirm=true.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesValidationProblem();

        api.MapPost("/unsubscribe", async (string? token, UnsubscribeTokens tokens, ISender sender, CancellationToken ct) =>
            {
                var (userId, campaignId) = Read(tokens, token);
                await sender.Send(new UnsubscribeCustomer(userId, campaignId), ct);
                return Page(DoneHtml);
            })
            .AllowAnonymous().DisableAntiforgery().WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy).WithName("Unsubscribe").WithSummary("Opts the user named by the signed token out of promotions.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesValidationProblem();
    }

    private static (Guid UserId, Guid? CampaignId) Read(UnsubscribeTokens tokens, string? token) =>
        tokens.TryRead(token, out var userId, out var campaignId) ? (userId, campaignId)
        : throw new ValidationFailedException("token", "This unsubscribe link is not valid. Use the link from the email as it is.");

    private static IResult Page(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static string ConfirmHtml(string token) => Layout($"""
        <p>Do you want to stop receiving AddisPay offers by email? Order updates are not affected.</p>
        <p lang="am">የAddisPay ቅናሾችን በኢሜይል መቀበል ማቆም ይፈልጋሉ? የትዕዛዝ መረጃዎች አይቋረጡም።</p>
        <form method="post" action="/api/notifications/unsubscribe?token={WebUtility.HtmlEncode(Uri.EscapeDataString(token))}">
        <button type="submit">Unsubscribe · ከዝርዝሩ ውጣ</button>
        </form>
        """);

    private const string DoneHtml = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>AddisPay</title></head>
        <body style="font-family:'Noto Sans Ethiopic',Arial,sans-serif;max-width:560px;margin:40px auto">
        <h1>AddisPay</h1>
        <p>You are unsubscribed: you will no longer receive AddisPay offers by email.</p>
        <p lang="am">ከዝርዝሩ ወጥተዋል፤ ከእንግዲህ የAddisPay ቅናሾች በኢሜይል አይላኩልዎትም።</p>
        </body></html>
        """;

    private static string Layout(string content) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>AddisPay</title></head>
        <body style="font-family:'Noto Sans Ethiopic',Arial,sans-serif;max-width:560px;margin:40px auto">
        <h1>AddisPay</h1>
        {content}
        </body></html>
        """;
}
