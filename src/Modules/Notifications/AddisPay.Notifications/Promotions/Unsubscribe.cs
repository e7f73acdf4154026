using System.Net;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Notifications.Promotions;

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
                var userId = Read(tokens, token);
                if (confirm != true) return Page(ConfirmHtml(token!));
                await sender.Send(new OptOutOfPromotions(userId), ct);
                return Page(DoneHtml);
            })
            .AllowAnonymous().WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy).WithName("UnsubscribePage").WithSummary("Unsubscribe link from a promotional email: a confirmation page, or opts out with confirm=true.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesValidationProblem();

        api.MapPost("/unsubscribe", async (string? token, UnsubscribeTokens tokens, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new OptOutOfPromotions(Read(tokens, token)), ct);
                return Page(DoneHtml);
            })
            .AllowAnonymous().DisableAntiforgery().WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy).WithName("Unsubscribe").WithSummary("Opts the user named by the signed token out of promotions.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesValidationProblem();
    }

    private static Guid Read(UnsubscribeTokens tokens, string? token) => tokens.TryRead(token, out var userId) ? userId
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
