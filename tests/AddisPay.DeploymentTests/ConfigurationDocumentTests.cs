using System.Reflection;
using System.Text.RegularExpressions;

namespace AddisPay.DeploymentTests;

/// <summary>
/// docs/configuration.md lists every key an operator may have to set: each property of the options classes bound from
/// configuration, and each key the code reads by name. A key added in code and not in the document fails here.
/// </summary>
public sealed class ConfigurationDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(Chart.Root, "docs", "configuration.md"));

    // Options classes and the configuration section they are bound from (see each module's Register).
    private static readonly Dictionary<string, string> Sections = new()
    {
        ["PaymentsOptions"] = "AddisPay:Payments",
        ["NotificationsOptions"] = "AddisPay:Notifications",
        ["OrdersOptions"] = "AddisPay:Orders",
        ["ReviewsOptions"] = "AddisPay:Reviews",
        ["SearchOptions"] = "AddisPay:Search",
        ["SignInThrottleOptions"] = "AddisPay:Users:SignInThrottle",
        ["CartExpiryOptions"] = "AddisPay:Cart:IdleExpiry",
        ["AuthOptions"] = "AddisPay:Auth",
        ["InboxPolicy"] = "AddisPay:Events:Inbox",
        ["EventLogPollingOptions"] = "AddisPay:Events:Polling",
        ["BackOfficeOptions"] = "AddisPay:BackOffice",
        ["ProductImageOptions"] = "AddisPay:Products:Images",
        ["ProductReadCacheOptions"] = "AddisPay:Products:ReadCache",
    };

    // Options classes not bound as a whole: where each property comes from, or why it is not configuration.
    private static readonly Dictionary<string, Dictionary<string, string?>> ByHand = new()
    {
        ["InternalApiOptions"] = new() { ["Key"] = "AddisPay:InternalKey", ["Endpoints"] = "AddisPay:Endpoints", ["AttemptTimeout"] = "AddisPay:InternalRequests:AttemptTimeout", ["CommandTimeout"] = "AddisPay:InternalRequests:CommandTimeout", ["TotalTimeout"] = "AddisPay:InternalRequests:TotalTimeout" },
        ["RecommenderOptions"] = new(), // tuned in code and evaluated offline; nothing of it is read from configuration
    };

    [Fact]
    public void Every_key_of_every_options_class_is_in_the_configuration_document()
    {
        var types = AddisPayTypes().Where(t => t.Name.EndsWith("Options") || t.Name == "InboxPolicy").ToList();
        var nested = types.SelectMany(t => Settable(t)).Select(p => p.PropertyType).Where(IsOptionsGroup).ToHashSet();
        var missing = new List<string>();
        foreach (var type in types.Where(t => !nested.Contains(t)))
        {
            if (ByHand.TryGetValue(type.Name, out var byHand))
            {
                if (type.Name == "RecommenderOptions") continue;
                foreach (var p in Settable(type))
                {
                    Assert.True(byHand.ContainsKey(p.Name), $"{type.Name}.{p.Name}: say where it comes from (ConfigurationDocumentTests.ByHand)");
                    if (byHand[p.Name] is { } key && !Documented(key)) missing.Add(key);
                }
                continue;
            }
            Assert.True(Sections.TryGetValue(type.Name, out var section), $"{type.Name} is not mapped to a configuration section in this test");
            missing.AddRange(Keys(type, section!).Where(k => !Documented(k)));
        }
        Assert.True(missing.Count == 0, "docs/configuration.md lacks: " + string.Join(", ", missing));
        Assert.True(types.Count >= 18, $"only {types.Count} options types found: is the assembly scan blind?");
    }

    [Fact]
    public void Every_key_the_code_reads_by_name_is_in_the_configuration_document()
    {
        var source = Path.Combine(Chart.Root, "src");
        var keys = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "\"(AddisPay:[A-Za-z:]+)\"").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Contains("AddisPay:InternalKey", keys); // the scan finds keys: the test can fail
        var missing = keys.Where(k => !Documented(k.TrimEnd(':'))).Order().ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_check_notices_a_key_the_document_lacks() =>
        Assert.False(Documented("AddisPay:Payments:Chapa:RefundTimeout"));

    // A key is documented as itself, or as the prefix of its entries (`AddisPay:Endpoints:<module>`).
    private static bool Documented(string key) => Document.Contains($"`{key}`") || Document.Contains($"`{key}:");

    private static IEnumerable<string> Keys(Type type, string section)
    {
        foreach (var p in Settable(type))
        {
            var key = $"{section}:{p.Name}";
            if (IsOptionsGroup(p.PropertyType)) foreach (var k in Keys(p.PropertyType, key)) yield return k;
            else yield return key;
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static bool IsOptionsGroup(Type t) => t.IsClass && t != typeof(string) && t.Namespace?.StartsWith("AddisPay") == true;

    private static IEnumerable<Type> AddisPayTypes() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "AddisPay.*.dll")
            .Where(f => !Path.GetFileName(f).Contains("Tests") && !Path.GetFileName(f).Contains("Benchmarks"))
            .Select(Assembly.LoadFrom)
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Namespace?.StartsWith("AddisPay") == true && !t.IsAbstract && !t.IsGenericTypeDefinition && !t.IsNested);
}
