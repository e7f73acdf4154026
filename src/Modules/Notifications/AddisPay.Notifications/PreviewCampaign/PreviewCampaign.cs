namespace AddisPay.Notifications.PreviewCampaign;

// Inside the namespace: the folder shares the contract's name, and a using outside would lose to it.
using AddisPay.Notifications.Contracts;

internal sealed class PreviewCampaignHandler(NotificationsDbContext db, MessageTemplates templates, UnsubscribeTokens unsubscribe)
    : IQueryHandler<PreviewCampaign, CampaignPreview>
{
    public async ValueTask<CampaignPreview> Handle(PreviewCampaign query, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.CampaignId, ct) ?? throw new NotFoundException("Campaign not found.");
        var name = string.IsNullOrWhiteSpace(query.Name) ? "Abebe Kebede" : query.Name.Trim();
        // A link for no customer: opening it from the preview unsubscribes nobody and counts nothing.
        var link = unsubscribe.Link(Guid.Empty, campaign.Id);
        RenderedCampaignEmail In(string language)
        {
            var email = CampaignMail.Render(templates, campaign, language, name, link);
            return new RenderedCampaignEmail(language, email.Subject, email.Text, email.Html);
        }
        return new CampaignPreview(In("en"), In("am"));
    }
}

internal static class PreviewCampaignEndpoint
{
    public static void MapPreviewCampaign(this IEndpointRouteBuilder api) =>
        api.MapGet("/campaigns/{id:guid}/preview", async (Guid id, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new PreviewCampaign(id, ""), ct)))
            .RequireAuthorization(Policies.Admin).WithName("PreviewCampaign")
            .WithSummary("The campaign's email in English and Amharic (subject, text and HTML) as the dispatcher renders it, for a sample customer.")
            .Produces<CampaignPreview>().ProducesProblem(StatusCodes.Status404NotFound);
}
