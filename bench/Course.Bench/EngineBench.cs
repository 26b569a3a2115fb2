using System.Diagnostics;
using Course.Cli.Hosting;
using Course.Hosting;
using Course.Metrics;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Bench;

/// <summary>
/// The notebook engine as the course's runner and kernel use it (<see cref="CourseEngineFactory"/>): the first cell
/// (compiler start-up), a warm trivial cell, and <c>#r "nuget: …"</c> of a package that is already cached.
/// Runs first in the process, so the first cell really is the first the compiler sees.
/// </summary>
public sealed class EngineBench(Settings settings, BenchTable table, TextWriter log)
{
    private const string CachedPackage = "#r \"nuget: Newtonsoft.Json, 13.0.3\"";

    /// <summary>Measures and adds the engine rows.</summary>
    public void Run()
    {
        log.WriteLine("notebook engine …");
        long start = Stopwatch.GetTimestamp();
        TorchRuntime.EnsureLoaded();
        table.Add(new BenchRow("engine", "libtorch load (TorchRuntime.EnsureLoaded)", "s", Seconds(start), null,
            "native library fix check + load; once per process, before any cell"));

        start = Stopwatch.GetTimestamp();
        using var engine = CourseEngineFactory.CreateEngine(CourseEngineFactory.Options());
        Execute(engine, "1+1");
        table.Add(new BenchRow("engine", "first cell `1+1` (engine created, compiler cold)", "s", Seconds(start), null,
            "CourseEngineFactory.CreateEngine + ExecuteAsync"));

        var warm = Timing.Measure(() => Execute(engine, "1+1"), warmup: 3, repeats: settings.QuickMode ? 10 : 30, device: CPU);
        table.Add(new BenchRow("engine", "warm trivial cell `1+1`", "ms", warm.Summary.Median, null,
            $"median of {warm.Summary.Count}, p95 {warm.Summary.P95:0.0} ms"));

        // The first #r ever may restore into the engine's cache; that is a one-time cost, not the one measured here.
        Execute(engine, CachedPackage);
        using var fresh = CourseEngineFactory.CreateEngine(CourseEngineFactory.Options());
        Execute(fresh, "1+1");
        start = Stopwatch.GetTimestamp();
        Execute(fresh, CachedPackage);
        table.Add(new BenchRow("engine", "`#r \"nuget: Newtonsoft.Json, 13.0.3\"`, cached", "s", Seconds(start), null,
            "first #r in a new engine, package already in the engine's cache"));
    }

    private static double Seconds(long start) => Stopwatch.GetElapsedTime(start).TotalSeconds;

    private static void Execute(INotebookEngine engine, string code)
    {
        var result = engine.ExecuteAsync(code, NullSink.Instance, CancellationToken.None).GetAwaiter().GetResult();
        if (result.Status != CellStatus.Ok)
            throw new InvalidOperationException($"The engine failed on `{code}`: {result.Error?.Name}: {result.Error?.Message}");
    }

    private sealed class NullSink : IOutputSink
    {
        public static readonly NullSink Instance = new();
        public void Stream(string name, string text) { }
        public void Clear(bool wait) { }
        public void Display(MimeBundle bundle, string? displayId, bool update) { }
    }
}
