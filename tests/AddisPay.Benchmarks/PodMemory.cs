/// <summary>
/// A Host process measured as the kubelet measures a container: in a memory cgroup of its own, its runtime and build
/// copied to new files whose page cache is dropped first, so every page it maps is charged to it (a pod on a node that
/// has not run the image yet). The working set is the cgroup's usage less its inactive file pages, the figure
/// `kubectl top`, the HPA's memory target and the kubelet's eviction use; resident memory (RSS) also counts file pages the
/// kernel may drop at any time (docs/benchmarks.md, "Memory as a pod sees it").
/// </summary>
internal sealed class PodMemory : IDisposable
{
    private readonly string _copy;

    /// <summary>The cgroup directory the process runs in (v1 memory controller or v2 unified hierarchy).</summary>
    public string Cgroup { get; }

    /// <summary>The `dotnet` of the copied runtime.</summary>
    public string Dotnet => Path.Combine(_copy, "dotnet", "dotnet");

    /// <summary>The copied Host build's AddisPay.Host.dll.</summary>
    public string HostDll => Path.Combine(_copy, "app", "AddisPay.Host.dll");

    private PodMemory(string cgroup, string copy) => (Cgroup, _copy) = (cgroup, copy);

    /// <summary>Where this process may make memory cgroups: null when the machine does not let it (then only RSS is reported).</summary>
    public static string? CgroupRoot()
    {
        var lines = File.Exists("/proc/self/cgroup") ? File.ReadAllLines("/proc/self/cgroup") : [];
        var v1 = lines.Select(l => l.Split(':', 3)).FirstOrDefault(f => f.Length == 3 && f[1].Split(',').Contains("memory"));
        var dir = v1 is not null ? "/sys/fs/cgroup/memory" + v1[2]
            : lines.Select(l => l.Split(':', 3)).Where(f => f.Length == 3 && f[0] == "0").Select(f => "/sys/fs/cgroup" + f[2]).FirstOrDefault();
        if (dir is null || !Directory.Exists(dir)) return null;
        try
        {
            var probe = Path.Combine(dir, $"addispay-probe-{Environment.ProcessId}");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return dir;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>A fresh cgroup and fresh copies of the runtime and of the Host build beside <paramref name="hostDll"/>.</summary>
    public static PodMemory Prepare(string cgroupRoot, string hostDll, string name)
    {
        var copy = Directory.CreateTempSubdirectory($"addispay-pod-{name}-").FullName;
        var runtime = Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)!)!; // …/shared/Microsoft.NETCore.App
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", ".."));
        var version = Path.GetFileName(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        Copy(Path.Combine(dotnetRoot, "dotnet"), Path.Combine(copy, "dotnet", "dotnet"));
        CopyTree(Path.Combine(dotnetRoot, "host"), Path.Combine(copy, "dotnet", "host"));
        foreach (var framework in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" })
        {
            var source = Path.Combine(dotnetRoot, "shared", framework);
            var best = Directory.EnumerateDirectories(source).Select(Path.GetFileName).Contains(version) ? version
                : Directory.EnumerateDirectories(source).Select(Path.GetFileName).Max()!;
            CopyTree(Path.Combine(source, best!), Path.Combine(copy, "dotnet", "shared", framework, best!));
        }
        CopyTree(Path.GetDirectoryName(hostDll)!, Path.Combine(copy, "app"));
        DropCache(copy);
        var cgroup = Path.Combine(cgroupRoot, $"addispay-{name}-{Environment.ProcessId}");
        Directory.CreateDirectory(cgroup);
        return new PodMemory(cgroup, copy);
    }

    /// <summary>Starts the process inside the cgroup: a shell joins it, then becomes the copied `dotnet` (same pid).</summary>
    public ProcessStartInfo Wrap(ProcessStartInfo psi)
    {
        var wrapped = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(HostDll)!, RedirectStandardOutput = psi.RedirectStandardOutput, RedirectStandardError = psi.RedirectStandardError
        };
        wrapped.ArgumentList.Add("-c");
        wrapped.ArgumentList.Add($"echo $$ > '{Path.Combine(Cgroup, "cgroup.procs")}' && exec \"$0\" \"$@\"");
        wrapped.ArgumentList.Add(Dotnet);
        wrapped.ArgumentList.Add(HostDll);
        foreach (var (k, v) in psi.Environment) wrapped.Environment[k] = v;
        wrapped.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Dotnet);
        return wrapped;
    }

    /// <summary>The working set (usage less inactive file pages) in MB, as the kubelet reports it.</summary>
    public double WorkingSetMb()
    {
        var v2 = File.Exists(Path.Combine(Cgroup, "memory.current"));
        var usage = long.Parse(File.ReadAllText(Path.Combine(Cgroup, v2 ? "memory.current" : "memory.usage_in_bytes")).Trim());
        var inactiveFile = File.ReadLines(Path.Combine(Cgroup, "memory.stat")).Select(l => l.Split(' '))
            .First(f => f[0] == (v2 ? "inactive_file" : "total_inactive_file"))[1];
        return (usage - long.Parse(inactiveFile)) / 1048576.0;
    }

    public void Dispose()
    {
        // The process has ended (BenchHost.Stop); an empty cgroup can go, and so can the copies.
        for (var i = 0; i < 50 && Directory.Exists(Cgroup); i++)
        {
            try { Directory.Delete(Cgroup); }
            catch (IOException) { Thread.Sleep(100); }
        }
        Directory.Delete(_copy, recursive: true);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from));
    }

    /// <summary>Writes the copies out and drops them from the page cache (fsync, then posix_fadvise DONTNEED).</summary>
    private static void DropCache(string dir)
    {
        foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            file.Flush(flushToDisk: true);
            if (PosixFadvise((int)file.SafeFileHandle.DangerousGetHandle(), 0, 0, DontNeed) != 0)
                throw new InvalidOperationException($"Could not drop {path} from the page cache.");
        }
    }

    private const int DontNeed = 4;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);
}
