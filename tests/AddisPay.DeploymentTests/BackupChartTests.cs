namespace AddisPay.DeploymentTests;

/// <summary>
/// The chart's backups: a nightly pg_dump of the in-chart database onto a volume that outlives the release, and the
/// CloudNativePG operator's own when that database is chosen. docs/operations.md says how to restore; the integration
/// test Operations/BackupRestoreTests restores a real dump.
/// </summary>
[Collection(nameof(Chart))]
public sealed class BackupChartTests(Chart chart)
{
    [Fact]
    public void The_in_chart_database_is_dumped_nightly_onto_a_kept_volume_keeping_the_newest_dumps()
    {
        var cron = Assert.Single(chart.OfKind("all", "CronJob"));
        Assert.Equal("Forbid", (string?)cron["spec"]!["concurrencyPolicy"]);
        Assert.Equal("15 2 * * *", (string?)cron["spec"]!["schedule"]);
        var pod = cron["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        var script = (string)container["args"]![0]!;
        Assert.Contains("pg_dump --format=custom --no-owner", script);
        Assert.Contains("tail -n +15", script); // backup.keep: 14 stay
        Assert.True(script.IndexOf("mv ", StringComparison.Ordinal) < script.IndexOf("tail -n", StringComparison.Ordinal)); // pruned only after a good dump
        Assert.Equal("databasePassword", (string?)container["env"]!.AsArray().Single(e => (string?)e!["name"] == "PGPASSWORD")!["valueFrom"]!["secretKeyRef"]!["key"]);
        Assert.Equal((string?)Assert.Single(chart.OfKind("all", "StatefulSet"))["spec"]!["template"]!["spec"]!["containers"]![0]!["image"], (string?)container["image"]);

        var claim = (string)pod["volumes"]!.AsArray().Single(v => v!["persistentVolumeClaim"] is not null)!["persistentVolumeClaim"]!["claimName"]!;
        var pvc = Assert.Single(chart.OfKind("all", "PersistentVolumeClaim"), p => Chart.Name(p) == claim);
        Assert.Equal("keep", (string?)pvc["metadata"]!["annotations"]!["helm.sh/resource-policy"]);
        // It may reach the database and nothing else.
        var policy = Assert.Single(chart.OfKind("all", "NetworkPolicy"), n => Chart.Name(n).EndsWith("-backup"));
        Assert.Contains("\"app.kubernetes.io/component\":\"postgres\"", policy["spec"]!["egress"]!.ToJsonString());
        // A managed database is backed up by its provider.
        Assert.Empty(chart.OfKind("production", "CronJob"));
    }

    [Fact]
    public void CloudNativePG_gets_object_store_backups_and_a_schedule_when_asked()
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", "--set", "database.mode=cloudnativepg",
            "--set", "database.cloudnativepg.backup.enabled=true", "--set", "database.cloudnativepg.backup.destinationPath=s3://addispay-backups/db",
            "--set", "database.cloudnativepg.backup.credentialsSecret=addispay-s3"]);
        Assert.True(code == 0, output);
        var (exit, report) = chart.Validate(chart.WriteTemp("cnpg-backup.yaml", output));
        Assert.True(exit == 0, report.ToJsonString());
        var docs = JsonNode.Parse(File.ReadAllText(chart.WriteTemp("cnpg-backup.yaml", output) + ".json"))!.AsArray();
        var cluster = docs.Single(d => (string?)d!["kind"] == "Cluster")!;
        Assert.Equal("s3://addispay-backups/db", (string?)cluster["spec"]!["backup"]!["barmanObjectStore"]!["destinationPath"]);
        Assert.Equal("30d", (string?)cluster["spec"]!["backup"]!["retentionPolicy"]);
        var scheduled = docs.Single(d => (string?)d!["kind"] == "ScheduledBackup")!;
        Assert.Equal((string?)cluster["metadata"]!["name"], (string?)scheduled["spec"]!["cluster"]!["name"]);
        Assert.Equal(6, ((string)scheduled["spec"]!["schedule"]!).Split(' ').Length); // the operator's cron has seconds
        (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "database.mode=cloudnativepg", "--set", "database.cloudnativepg.backup.enabled=true"]);
        Assert.NotEqual(0, code);
        Assert.Contains("destinationPath", output);
    }
}
