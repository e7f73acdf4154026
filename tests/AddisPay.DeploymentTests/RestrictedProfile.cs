namespace AddisPay.DeploymentTests;

/// <summary>
/// The restricted Pod Security Standard (Kubernetes' "restricted" profile, latest), checked on a rendered pod spec the
/// way the admission controller checks it: no host namespaces, ports or paths, nothing privileged, every container
/// dropping ALL capabilities (adding back at most NET_BIND_SERVICE) without privilege escalation, and non-root. One
/// rule is stricter than the profile: the seccomp profile must be RuntimeDefault (the profile also admits a node's
/// Localhost profile, which this chart has no business naming). Returns what breaks it, empty when it passes.
/// </summary>
public static class RestrictedProfile
{
    /// <summary>Kinds whose documents carry a pod template, and where.</summary>
    public static JsonObject? PodSpec(JsonObject document) => (string?)document["kind"] switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => document["spec"]?["template"]?["spec"]?.AsObject(),
        "CronJob" => document["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]?.AsObject(),
        "Pod" => document["spec"]?.AsObject(),
        _ => null
    };

    private static readonly HashSet<string> AllowedVolumes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    public static List<string> Violations(JsonObject pod)
    {
        var problems = new List<string>();
        foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
            if ((bool?)pod[host] == true) problems.Add($"{host}: true");
        foreach (var volume in pod["volumes"]?.AsArray() ?? [])
        foreach (var (type, _) in volume!.AsObject().Where(p => p.Key != "name"))
            if (!AllowedVolumes.Contains(type)) problems.Add($"volume {(string?)volume["name"]}: {type}");

        var podContext = pod["securityContext"]?.AsObject();
        if (podContext?["sysctls"] is JsonArray { Count: > 0 }) problems.Add("sysctls");
        if ((string?)podContext?["seLinuxOptions"]?["type"] is { } podType && !IsAllowedSeLinuxType(podType)) problems.Add($"seLinux type {podType}");
        if ((string?)podContext?["appArmorProfile"]?["type"] == "Unconfined") problems.Add("pod appArmorProfile Unconfined");
        if (Number(podContext?["runAsUser"]) == 0) problems.Add("pod runAsUser: 0");

        var containers = new[] { "initContainers", "containers", "ephemeralContainers" }
            .SelectMany(k => pod[k]?.AsArray() ?? []).Select(c => c!.AsObject()).ToList();
        foreach (var c in containers)
        {
            var name = (string?)c["name"];
            var sc = c["securityContext"]?.AsObject();
            if ((bool?)sc?["privileged"] == true) problems.Add($"{name}: privileged");
            if ((bool?)sc?["allowPrivilegeEscalation"] != false) problems.Add($"{name}: allowPrivilegeEscalation is not false");
            var drop = sc?["capabilities"]?["drop"]?.AsArray().Select(x => (string?)x).ToList() ?? [];
            if (!drop.Contains("ALL")) problems.Add($"{name}: capabilities do not drop ALL");
            foreach (var added in sc?["capabilities"]?["add"]?.AsArray() ?? [])
                if ((string?)added != "NET_BIND_SERVICE") problems.Add($"{name}: adds capability {(string?)added}");
            foreach (var port in c["ports"]?.AsArray() ?? [])
                if (Number(port!["hostPort"]) is > 0) problems.Add($"{name}: hostPort {Number(port["hostPort"])}");
            if ((string?)sc?["procMount"] is { } proc && proc != "Default") problems.Add($"{name}: procMount {proc}");
            if ((string?)sc?["seLinuxOptions"]?["type"] is { } type && !IsAllowedSeLinuxType(type)) problems.Add($"{name}: seLinux type {type}");
            if ((string?)sc?["appArmorProfile"]?["type"] == "Unconfined") problems.Add($"{name}: appArmorProfile Unconfined");

            // Non-root: the container's own setting, else the pod's; and never uid 0.
            var nonRoot = (bool?)sc?["runAsNonRoot"] ?? (bool?)podContext?["runAsNonRoot"];
            if (nonRoot != true) problems.Add($"{name}: runAsNonRoot is not true");
            if (Number(sc?["runAsUser"]) == 0) problems.Add($"{name}: runAsUser: 0");
            var seccomp = (string?)sc?["seccompProfile"]?["type"] ?? (string?)podContext?["seccompProfile"]?["type"];
            if (seccomp != "RuntimeDefault") problems.Add($"{name}: seccompProfile is {seccomp ?? "unset"}, not RuntimeDefault");
        }
        if (containers.Count == 0) problems.Add("no containers");
        return problems;
    }

    // Parsed and hand-built nodes hold numbers as different CLR types: read them the one way both allow.
    private static long? Number(JsonNode? node) => node is null ? null : long.Parse(node.ToJsonString());

    private static bool IsAllowedSeLinuxType(string type) => type is "" or "container_t" or "container_init_t" or "container_kvm_t" or "container_engine_t";
}
