using AddisPay.Notifications.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>Staff preview a draft as customers will get it.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class PreviewCampaignTests(NotificationsPlatform platform)
{
    private sealed record Previewed(StaffCampaign Draft, CampaignPreview Preview);

    private Task<Previewed> PreviewedAsync() => platform.ArrangedAsync(async p =>
    {
        var draft = (await p.SendAsync(Draft(null))).Campaign;
        return new Previewed(draft, await p.SendAsync(new PreviewCampaign(draft.Id, "Abebe Kebede")));
    });

    [Fact]
    public async Task The_preview_renders_the_campaign_in_English_with_the_template_customers_get()
    {
        var (draft, preview) = await PreviewedAsync();
        Assert.Equal(draft.Subject, preview.English.Subject);
        Assert.Contains("Hello Abebe Kebede,", preview.English.Text);
        Assert.Contains("Abebe Kebede, this week only", preview.English.Text);
        Assert.Contains("<p>Abebe Kebede, this week only: 10% off teff &amp; berbere.</p>", preview.English.Html);
    }

    [Fact]
    public async Task The_preview_renders_the_campaign_in_Amharic_with_the_template_customers_get()
    {
        var preview = (await PreviewedAsync()).Preview;
        Assert.Equal("የጤፍ ወቅት፦ 10% ቅናሽ", preview.Amharic.Subject);
        Assert.Contains("Abebe Kebede፣ በዚህ ሳምንት ብቻ", preview.Amharic.Text);
        Assert.Contains("ከዚህ ዝርዝር ይውጡ</a>", preview.Amharic.Html);
    }
}
