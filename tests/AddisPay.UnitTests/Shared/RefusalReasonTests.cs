using System.Net;
using System.Net.Http.Headers;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AddisPay.UnitTests.Shared;

/// <summary>
/// A refusal's reason and facts travel in its problem details and come back on the calling side of a cross-pod call, so a
/// storefront in another pod can say it in the shopper's language as it does in one process.
/// </summary>
public sealed class RefusalReasonTests
{
    [Fact]
    public async Task A_conflicts_reason_and_facts_survive_the_trip_between_pods()
    {
        var refused = new ConflictException("Only 2 of Coffee available; the cart already holds 2.")
        {
            Reason = Refusal.Of("cart.only-available", ("product", "Coffee"), ("available", 2), ("priceEtb", 1234.5m))
        };

        var rebuilt = Assert.IsType<ConflictException>(await RoundTripAsync(refused, HttpStatusCode.Conflict));

        Assert.Equal(refused.Message, rebuilt.Message);
        Assert.Equal("cart.only-available", rebuilt.Reason?.Code);
        Assert.Equal(refused.Reason!.Facts, rebuilt.Reason!.Facts);
    }

    [Fact]
    public async Task A_refusal_without_a_reason_comes_back_without_one()
    {
        var rebuilt = await RoundTripAsync(new NotFoundException("Order 42 does not exist."), HttpStatusCode.NotFound);

        Assert.Null(Assert.IsType<NotFoundException>(rebuilt).Reason);
    }

    [Fact]
    public void Facts_are_written_the_same_whatever_the_servers_culture()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("1234.50", Refusal.Of("coupon.min-spend", ("minimumEtb", 1234.50m)).Facts["minimumEtb"]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = before;
        }
    }

    /// <summary>The owning pod's exception handler writes the answer; the calling pod's client rebuilds the failure from it.</summary>
    private static async Task<Exception> RoundTripAsync(BusinessRuleException refusal, HttpStatusCode status)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Headers.Accept = "application/json";
        var body = new MemoryStream();
        http.Response.Body = body;
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(http, refusal, CancellationToken.None));
        Assert.Equal((int)status, http.Response.StatusCode);

        using var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body.ToArray()) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/problem+json");
        return await RemoteModuleClient.RebuildFailureAsync("cart", response, CancellationToken.None);
    }
}
