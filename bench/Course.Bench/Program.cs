using System.CommandLine;
using System.Text.Json.Nodes;
using Course.Bench;
using Course.Data;
using Course.Platform;
using TorchSharp;

// Course.Bench: TorchSharp side by side with PyTorch, and the course's own speed. Start it with bench/run.sh.
var quick = new Option<bool>("--quick") { Description = "Short runs on a fixed subset (about 4 minutes)." };
var threads = new Option<int>("--threads") { Description = "CPU threads for both frameworks.", DefaultValueFactory = _ => 2 };
var python = new Option<string>("--python") { Description = "Python with PyTorch (Debian's python3-torch).", DefaultValueFactory = _ => "/usr/bin/python3" };
var output = new Option<DirectoryInfo>("--out") { Description = "Where latest.md and latest.csv go.", DefaultValueFactory = _ => new DirectoryInfo("bench/results") };
var readme = new Option<FileInfo?>("--readme") { Description = "README.md whose bench:start/bench:end section to rewrite." };
var only = new Option<string[]>("--only") { Description = "Run only these sections: engine, kernel, data, training, cnn, inference, memory, reliability, course.", AllowMultipleArgumentsPerToken = true };
var root = new RootCommand("Benchmarks: TorchSharp vs. PyTorch on the course's models, and the course's own speed.")
{
    quick, threads, python, output, readme, only,
};
root.SetAction(parse =>
{
    var settings = (parse.GetValue(quick) ? Settings.Quick : Settings.Full) with { Threads = parse.GetValue(threads) };
    string[] all = ["engine", "kernel", "data", "training", "cnn", "inference", "memory", "reliability", "course"];
    // "--only data,inference" and "--only data inference" both work; a misspelt name must not measure nothing.
    var chosen = (parse.GetValue(only) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
    if (chosen.Except(all).ToList() is { Count: > 0 } unknown)
    {
        Console.Error.WriteLine($"--only: unknown section(s) {string.Join(", ", unknown)}. Choose from: {string.Join(", ", all)}.");
        return 2;
    }
    var sections = chosen.Count > 0 ? chosen : all.ToHashSet();
    return Run(settings, sections, parse.GetValue(python)!, parse.GetValue(output)!, parse.GetValue(readme));
});
return root.Parse(args).Invoke();

static int Run(Settings settings, HashSet<string> sections, string python, DirectoryInfo output, FileInfo? readme)
{
    var log = Console.Error;
    var table = new BenchTable();
    table.Context.Add(("date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'")));
    table.Context.Add(("mode", settings.QuickMode ? "quick (`bench/run.sh --quick`: fixed subsets, fewer repeats)" : "full (`bench/run.sh`)"));
    table.Context.Add(("machine", $"{Machine.CpuModel()}, {Environment.ProcessorCount} logical cores; {Machine.OperatingSystem()}"));
    table.Context.Add(("load average at start (1/5/15 min)", Machine.LoadAverage()));

    if (sections.Contains("engine")) new EngineBench(settings, table, log).Run();
    if (sections.Contains("kernel")) new KernelBench(settings, table, log, python).Run();
    TorchRuntime.EnsureLoaded();
    torch.set_num_threads(settings.Threads);
    torch.set_num_interop_threads(settings.InteropThreads);
    var environment = EnvironmentReport.Collect();
    table.Context.Add(("C#", $"{environment.DotNetRuntime}, TorchSharp {environment.TorchSharpVersion}, libtorch {environment.LibTorchVersion} ({environment.Backend})"));

    if (sections.Contains("data")) new Benchmarks(settings, table, log).MnistLoad();

    var (train, test) = Mnist.Load();
    using var torchSharp = new TorchSharpSide(train, test);
    var benchmarks = new Benchmarks(settings, table, log);
    bool comparing = sections.Contains("training") || sections.Contains("inference");
    table.Context.Add(("CPU memory", $"TorchSharp: {environment.CpuMemory}; PyTorch: {PyTorchWorker.Allocator}"));
    using (var pyTorch = comparing ? PyTorchWorker.Start(python, Path.Combine("bench", "pytorch", "worker.py")) : null)
    {
        if (pyTorch is not null)
        {
            var hello = pyTorch.Call("hello");
            var setup = pyTorch.Call("setup", new { threads = settings.Threads, interop = settings.InteropThreads, mnist = DatasetPaths.Find("mnist") });
            table.Context.Add(("Python", $"PyTorch {hello["version"]} ({hello["executable"]}, Python {hello["python"]}); BLAS: {hello["blas"]}; oneDNN: {hello["mkldnn"]}"));
            table.Context.Add(("threads", $"TorchSharp {torch.get_num_threads()} intra-op / {torch.get_num_interop_threads()} inter-op; " +
                $"PyTorch {setup["threads"]} intra-op / {setup["interop"]} inter-op"));
            if (sections.Contains("training")) benchmarks.Training(torchSharp, pyTorch);
            if (sections.Contains("inference")) benchmarks.Inference(torchSharp, pyTorch);
        }
        else
        {
            table.Context.Add(("threads", $"TorchSharp {torch.get_num_threads()} intra-op / {torch.get_num_interop_threads()} inter-op"));
        }
    }
    if (sections.Contains("cnn"))
    {
        // Alone, without the PyTorch worker: it measures this process against this machine's matrix-product rate.
        table.Context.Add(("CPU bfloat16 instructions", CpuFeatures.Detect().DescribeBf16()));
        var limit = new CnnLimit(settings, table, log);
        limit.EpochAgainstSgemm(torchSharp);
        limit.Profile(torchSharp);
        limit.Attempts(torchSharp);
        limit.Bfloat16(torchSharp, test);
    }
    if (sections.Contains("memory")) benchmarks.Memory(torchSharp);
    if (sections.Contains("reliability"))
    {
        var reliability = new ReliabilityBench(settings, table, log);
        reliability.Contention(torchSharp);
        reliability.PrintedLines();
    }
    train.Dispose();
    test.Dispose();
    // Last: the notebooks' worker processes would otherwise compete with the measurements above.
    if (sections.Contains("course")) new CourseBench(table, log).Run();
    table.Context.Add(("load average at end (1/5/15 min)", Machine.LoadAverage()));

    string markdown = table.ToMarkdown();
    Console.Out.Write(markdown);
    output.Create();
    File.WriteAllText(Path.Combine(output.FullName, "latest.md"), "# Benchmark results\n\nWritten by `bench/run.sh`; see docs/benchmarks.md for how to read them.\n\n" + markdown);
    File.WriteAllText(Path.Combine(output.FullName, "latest.csv"), table.ToCsv());
    log.WriteLine($"saved {Path.Combine(output.FullName, "latest.md")} and latest.csv");
    if (readme is not null)
    {
        string section = "Measured by `bench/run.sh` (see [docs/benchmarks.md](docs/benchmarks.md); " +
            "[bench/results/latest.csv](bench/results/latest.csv) has full precision). TorchSharp / PyTorch below 1 means C# is faster, " +
            "except for throughput (images/s), where above 1 means C# is faster.\n\n" + markdown;
        File.WriteAllText(readme.FullName, ReadmeSection.Replace(File.ReadAllText(readme.FullName), section));
        log.WriteLine($"rewrote the benchmark section of {readme.FullName}");
    }
    return 0;
}
