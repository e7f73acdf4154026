using System.Net.Http.Headers;
using System.Text;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// Broken requests against a real Host. Whatever reaches the pipeline is answered with problem details, whatever the
/// client says it accepts. Kestrel refuses a broken request line or oversized head before any middleware runs and
/// writes only a status line (no body can be added there), so those tests pin what Kestrel sends: the status, nothing
/// else, and no server name.
/// </summary>
[Collection(nameof(EdgeHost))]
public sealed class MalformedRequestTests(EdgeHost edge)
{
    [Fact]
    public async Task A_json_endpoint_given_a_body_without_content_type_answers_415_problem_json()
    {
        using var http = edge.Host.Client();
        using var request = AsAdmin(HttpMethod.Post, "/api/products");
        request.Content = new ByteArrayContent("""{"sku":"A-1"}"""u8.ToArray()); // no Content-Type header at all
        using var r = await http.SendAsync(request);
        await AssertProblemAsync(r, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_json_endpoint_given_plain_text_answers_415_problem_json()
    {
        using var http = edge.Host.Client();
        using var request = AsAdmin(HttpMethod.Post, "/api/products");
        request.Content = new StringContent("hello", Encoding.UTF8, "text/plain");
        using var r = await http.SendAsync(request);
        await AssertProblemAsync(r, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("GET", "/api/nowhere", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/products", HttpStatusCode.MethodNotAllowed)]
    public async Task Routing_answers_are_problem_json_even_to_a_client_that_accepts_only_text(string method, string path, HttpStatusCode status)
    {
        using var http = edge.Host.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var r = await http.SendAsync(request);
        await AssertProblemAsync(r, status);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem()
    {
        var r = await edge.SendRawAsync(Encoding.ASCII.GetBytes(
            "POST /api/products HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n" +
            $"Authorization: Bearer {Tokens.Admin()}\r\nConnection: close\r\n\r\n{{"));
        Assert.Equal(413, r.Status);
        Assert.StartsWith("application/problem+json", r.Headers["Content-Type"]);
        Assert.Equal(413, JsonDocument.Parse(r.Body).RootElement.GetProperty("status").GetInt32());
        Assert.Equal("nosniff", r.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public async Task A_malformed_request_line_gets_kestrels_bare_400()
    {
        var r = await edge.SendRawAsync("GARBAGE\r\n\r\n"u8.ToArray());
        AssertKestrelRefusal(r, 400);
    }

    [Fact]
    public async Task A_request_line_over_kestrels_limit_gets_its_bare_414()
    {
        var r = await edge.SendRawAsync(Encoding.ASCII.GetBytes($"GET /{new string('a', 9000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        AssertKestrelRefusal(r, 414);
    }

    [Fact]
    public async Task Headers_over_kestrels_limit_get_its_bare_431()
    {
        var r = await edge.SendRawAsync(Encoding.ASCII.GetBytes($"GET /api/products HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: {new string('a', 40_000)}\r\n\r\n"));
        AssertKestrelRefusal(r, 431);
    }

    private static HttpRequestMessage AsAdmin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin());
        return request;
    }

    private static void AssertKestrelRefusal(RawResponse r, int status)
    {
        Assert.Equal(status, r.Status);
        Assert.Equal("0", r.Headers["Content-Length"]);
        Assert.Equal("", r.Body);
        Assert.False(r.Headers.ContainsKey("Server"));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage r, HttpStatusCode status)
    {
        Assert.Equal(status, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }
}
