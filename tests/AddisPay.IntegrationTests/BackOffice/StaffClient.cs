using System.Text.RegularExpressions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// A browser's worth of HTTP for the back office, without a browser: cookies kept by hand (the session cookies are Secure
/// outside Development, which an HttpClient cookie jar would not send over http), redirects not followed, forms posted
/// with the antiforgery token of the page they came from.
/// </summary>
public sealed partial class StaffClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
    private readonly Dictionary<string, string> _cookies = [];

    /// <summary>A cookie to send as if the browser had it (a shopper's session, the language).</summary>
    public void Keep(string name, string value) => _cookies[name] = value;

    public bool Has(string cookie) => _cookies.ContainsKey(cookie);

    public async Task<HttpResponseMessage> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Opens <paramref name="page"/> and posts its form <paramref name="formName"/> with <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string formName, IDictionary<string, string> fields)
    {
        using var shown = await GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync();
        var form = Regex.Match(html, $"<form[^>]*>(?:(?!</form>).)*name=\"_handler\" value=\"{Regex.Escape(formName)}\"(?:(?!</form>).)*</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"{page} shows no form {formName}");
        var token = Token().Match(form.Value).Groups[1].Value;
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) };
        var key = Regex.Match(form.Value, "name=\"key\" value=\"([^\"]+)\"");
        if (key.Success && !body.ContainsKey("key")) body["key"] = key.Groups[1].Value;
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent(body) });
    }

    /// <summary>
    /// Posts <paramref name="formName"/>'s fields to <paramref name="action"/> (the page itself by default) with the antiforgery
    /// token of form <paramref name="shownForm"/> of <paramref name="page"/>: a form the page does not show this role, as a
    /// staff member crafting the request by hand sends it, or a plain form posting elsewhere (a download).
    /// </summary>
    public async Task<HttpResponseMessage> PostWithTokenOfAsync(string page, string shownForm, string formName, IDictionary<string, string> fields, string? action = null)
    {
        using var shown = await GetAsync(page);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.DoesNotContain($"name=\"_handler\" value=\"{formName}\"", html);
        var form = Regex.Match(html, $"<form[^>]*>(?:(?!</form>).)*name=\"_handler\" value=\"{Regex.Escape(shownForm)}\"(?:(?!</form>).)*</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"{page} shows no form {shownForm}");
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(form.Value).Groups[1].Value) };
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, action ?? page) { Content = new FormUrlEncodedContent(body) });
    }

    /// <summary>Posts form <paramref name="formName"/> to <paramref name="page"/> as a forged request would: no token, nothing else.</summary>
    public Task<HttpResponseMessage> SendRawFormAsync(string page, string formName) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = formName }) });

    /// <summary>A GET to another origin (another process) with this client's cookies, as a browser sends them to the same host.</summary>
    public Task<HttpResponseMessage> GetAsyncAt(Uri origin, string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(origin, path)));

    /// <summary>Signs in at /admin/sign-in; the answer is the sign-in form's (a redirect when it let the account in).</summary>
    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostFormAsync("/admin/sign-in", "staff-sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/admin" });

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';')[0].Split('=', 2);
                if (cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || pair[1].Length == 0) _cookies.Remove(pair[0]);
                else _cookies[pair[0]] = pair[1];
            }
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => _http.Dispose();
}
