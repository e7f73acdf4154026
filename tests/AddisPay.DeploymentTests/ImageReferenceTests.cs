namespace AddisPay.DeploymentTests;

/// <summary>image.digest: the pods run the exact image CI built and scanned (repository@sha256:...), not whatever a tag points at.</summary>
[Collection(nameof(Chart))]
public sealed class ImageReferenceTests(Chart chart)
{
    private const string Digest = "sha256:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";

    [Fact]
    public void A_digest_pins_every_addispay_pod_to_it_and_a_modules_own_tag_still_wins()
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", .. Chart.Scenarios["split"],
            "--set", "image.tag=sha-abc", "--set", $"image.digest={Digest}", "--set", "modules.cart.imageTag=canary"]);
        Assert.True(code == 0, output);
        var file = chart.WriteTemp("digest.yaml", output);
        var (parsed, json) = Chart.Run("node", [Path.Combine(Chart.Root, "tests", "chart", "yaml-to-json.mjs"), file]);
        Assert.True(parsed == 0, json);
        var documents = JsonNode.Parse(json)!.AsArray().Where(d => d is not null).Select(d => d!.AsObject()).ToList();
        string Image(JsonObject d) => (string)RestrictedProfile.PodSpec(d)!["containers"]![0]!["image"]!;

        var deployments = documents.Where(d => (string?)d["kind"] == "Deployment").ToDictionary(Chart.Name);
        Assert.Equal("ghcr.io/addispay/addispay:canary", Image(deployments["shop-addispay-cart"]));
        Assert.All(deployments.Where(d => d.Key != "shop-addispay-cart"), d => Assert.Equal($"ghcr.io/addispay/addispay@{Digest}", Image(d.Value)));
        Assert.Equal($"ghcr.io/addispay/addispay@{Digest}", Image(documents.Single(d => (string?)d["kind"] == "Job")));
        // Without a digest, the tag as before.
        Assert.Equal("ghcr.io/addispay/addispay:0.1.0", Image(chart.OfKind("all", "Deployment").Single()));
    }

    [Fact]
    public void A_digest_that_is_not_a_sha256_one_is_refused()
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "image.digest=sha-abc"]);
        Assert.NotEqual(0, code);
        Assert.Contains("digest", output);
    }
}
