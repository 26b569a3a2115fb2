using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Course.Hosting;
using Course.Notebooks.Editing;
using Course.Notebooks.Execution.Directives;
using Course.Notebooks.Formatting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Execution;

/// <summary>
/// Runs notebook cells in one Roslyn script state, in order: each cell continues the previous successful one, so
/// variables, types, usings and references carry over, and a failed or cancelled cell leaves the state as it was.
/// </summary>
public sealed class ScriptEngine : INotebookEngine
{
    internal static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private readonly EngineOptions engineOptions;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CellGlobals globals = new();
    private readonly FormatSession session = new();
    private readonly NuGetResolver nuget;
    private readonly string cellDirectory = Path.Combine(Path.GetTempPath(), "course-cells", Guid.NewGuid().ToString("N")[..8]);
    private readonly ConcurrentDictionary<string, int> cellFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> referencedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly SubmissionWorkspace editing = new(typeof(CellGlobals));
    private ScriptOptions scriptOptions;
    private volatile EditingTemplate? editingTemplate;
    private ScriptState<object>? state;
    private int executionCount;
    private volatile bool editingWarm;
    private int compiling;
    private bool compileAgain;

    /// <summary>An engine whose cells see the host's <paramref name="options"/> (references, imports, NuGet cache).</summary>
    public ScriptEngine(EngineOptions? options = null)
    {
        engineOptions = options ?? new EngineOptions();
        ConsoleRouter.Install();
        BuiltInFormatters.Register();
        nuget = new NuGetResolver(engineOptions.ResolveNuGetCacheDirectory(), engineOptions.NuGetSources);
        var hostReferences = engineOptions.References.Append(typeof(ScriptEngine).Assembly).Append(typeof(Display).Assembly)
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .DistinctBy(a => a.Location)
            .Select(a => FrameworkReferences.FromFile(a.Location))
            .ToList();
        scriptOptions = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Get().Concat(hostReferences))
            .WithImports(engineOptions.Imports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8);
    }

    /// <summary>
    /// Runs throwaway cells through the path real ones take (rewrite, compile, emit, load, run, continue, format)
    /// so the compiler and the engine are warm before the first cell (a kernel calls this while the learner is
    /// still reading); the script state and the execution count are not touched.
    /// </summary>
    public Task WarmUpAsync() => Task.Run(async () =>
    {
        var tree = CSharpSyntaxTree.ParseText("for (var i = 0; i < 1; i++) { }\n1", ParseOptions);
        var code = CancellationRewriter.Rewrite(tree.GetRoot()).ToFullString();
        var first = await CSharpScript.RunAsync(code, scriptOptions, new CellGlobals(), typeof(CellGlobals)).ConfigureAwait(false);
        var next = await first.ContinueWithAsync(code, scriptOptions).ConfigureAwait(false);
        Formatter.Format(next.ReturnValue);
    });

    /// <summary>How many cells have been submitted (the Jupyter execution count of the last one).</summary>
    public int ExecutionCount => executionCount;

    /// <inheritdoc />
    public async Task<CellResult> ExecuteAsync(string code, IOutputSink output, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await gate.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new CellResult(CellStatus.Cancelled, null, Stopped("The cell was cancelled before it started."), clock.Elapsed);
        }
        try
        {
            using var scope = CellContext.Enter(output, cancellation, session);
            var (status, value, error) = await RunCell(code, cancellation).ConfigureAwait(false);
            return new CellResult(status, value, error, clock.Elapsed);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(CellStatus, MimeBundle?, CellError?)> RunCell(string cell, CancellationToken cancellation)
    {
        var count = Interlocked.Increment(ref executionCount);
        var file = Path.Combine(cellDirectory, $"cell-{count}.csx");
        cellFiles[file] = count;

        // The host already gave cells what that cell sets up under .NET Interactive.
        if (InteractiveSetUpCell.Is(cell)) return (CellStatus.Ok, null, null);

        string code;
        try
        {
            var (directives, rest) = CellDirectives.Parse(cell);
            ApplyDirectives(directives, cancellation);
            code = rest;
        }
        catch (DirectiveException e)
        {
            return (CellStatus.Error, null, new CellError("DirectiveError", e.Message, [e.Message], e.Line));
        }
        catch (OperationCanceledException)
        {
            return (CellStatus.Cancelled, null, Stopped("The cell was cancelled while restoring packages."));
        }
        if (string.IsNullOrWhiteSpace(code)) return (CellStatus.Ok, null, null);

        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions);
        var trailing = TrailingExpression(tree);
        var rewritten = CancellationRewriter.Rewrite(tree.GetRoot()).ToFullString();
        var options = scriptOptions.WithFilePath(file);
        var previous = state;

        var arming = CancellationPoint.Arm(cancellation);
        var run = Task.Run(() => previous is null
            ? CSharpScript.RunAsync(rewritten, options, globals, typeof(CellGlobals), cancellation)
            : previous.ContinueWithAsync(rewritten, options, cancellation), CancellationToken.None);
        _ = run.ContinueWith(_ => arming.Dispose(), TaskScheduler.Default);

        if (!await Finished(run, cancellation).ConfigureAwait(false))
            return (CellStatus.Cancelled, null, Stopped(
                "The cell was cancelled, but its code has not stopped yet: it is in a call that does not check for " +
                "cancellation (native code or a blocking wait). It keeps running in the background; restart the kernel to stop it."));
        try
        {
            var next = await run.ConfigureAwait(false);
            state = next;
            if (editing.Add(code, next.Script.GetCompilation()) && editingWarm) CompileForEditing();
            return (CellStatus.Ok, FormatValue(next, trailing), null);
        }
        catch (CompilationErrorException e)
        {
            return (CellStatus.Error, null, CellErrors.Compilation(e));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return (CellStatus.Cancelled, null, Stopped("The cell was cancelled."));
        }
        catch (Exception e)
        {
            return (CellStatus.Error, null, CellErrors.Runtime(e, f => cellFiles.TryGetValue(f, out var n) ? n : null, file));
        }
    }

    // True when the cell's code ended; false when it was cancelled and did not stop within the grace period.
    private async Task<bool> Finished(Task run, CancellationToken cancellation)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellation.Register(() => cancelled.TrySetResult()))
            if (await Task.WhenAny(run, cancelled.Task).ConfigureAwait(false) == run) return true;
        return await Task.WhenAny(run, Task.Delay(engineOptions.CancellationGrace)).ConfigureAwait(false) == run;
    }

    private static CellError Stopped(string message) => new("Cancelled", message, [message], null);

    private void ApplyDirectives(IReadOnlyList<Directive> directives, CancellationToken cancellation)
    {
        var added = new List<MetadataReference>();
        foreach (var directive in directives)
        {
            switch (directive)
            {
                case AssemblyDirective assembly:
                    var path = Path.GetFullPath(assembly.Path);
                    if (!File.Exists(path))
                        throw new DirectiveException(assembly.Line,
                            $"#r on line {assembly.Line}: no file '{path}'. Paths are relative to the current directory ({Environment.CurrentDirectory}).");
                    AddReference(path, added);
                    break;
                case PackageDirective package:
                    foreach (var dll in nuget.Resolve(package, cancellation).Assemblies) AddReference(dll, added);
                    break;
            }
        }
        if (added.Count > 0) scriptOptions = scriptOptions.AddReferences(added);
    }

    // A package the host already provides (TorchSharp, Plotly.NET, Newtonsoft.Json through Plotly.NET, …) is used
    // from the host, never loaded twice; a different version than the cell asked for is said in the cell's output.
    private void AddReference(string path, List<MetadataReference> added)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!referencedNames.Add(name)) return;
        var hosted = HostAssemblies.Find(name);
        if (hosted is not null && !string.Equals(Path.GetFullPath(hosted), Path.GetFullPath(path), StringComparison.Ordinal))
        {
            var (wanted, have) = (HostAssemblies.FileVersion(path), HostAssemblies.FileVersion(hosted));
            if (wanted != have)
                CellContext.Output?.Stream("stdout",
                    $"Note: {name} {have} is already part of the course, so cells use it instead of the requested {wanted}.\n");
        }
        var reference = hosted ?? path;
        if (scriptOptions.MetadataReferences.OfType<PortableExecutableReference>().Any(r => r.FilePath == reference)) return;
        added.Add(FrameworkReferences.FromFile(reference));
    }

    private static ExpressionSyntax? TrailingExpression(SyntaxTree tree) =>
        tree.GetRoot() is CompilationUnitSyntax { Members: [.., GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }] }
        && statement.SemicolonToken.IsMissing
            ? statement.Expression
            : null;

    private MimeBundle? FormatValue(ScriptState<object> next, ExpressionSyntax? trailing)
    {
        if (trailing is null) return null;
        if (next.ReturnValue is null && IsVoid(next.Script)) return null;
        return Formatter.Format(next.ReturnValue);
    }

    // The compiled tree is the rewritten one, so its own trailing expression is looked up.
    private static bool IsVoid(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        if (TrailingExpression(tree) is not { } expression) return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(expression).Type;
        return type?.SpecialType == SpecialType.System_Void;
    }

    /// <inheritdoc />
    public Task<Completions> CompleteAsync(string code, int cursor, CancellationToken cancellation)
    {
        CheckCursor(code, cursor);
        editingWarm = true;
        return DirectiveCompletion.Complete(code, cursor, nuget.CachedPackageNames) is { } directive
            ? Task.FromResult(directive)
            : Task.Run(() => CodeCompletion.CompleteAsync(Draft(code, cursor), cursor, cancellation), cancellation);
    }

    /// <inheritdoc />
    public Task<string?> InspectAsync(string code, int cursor, CancellationToken cancellation)
    {
        CheckCursor(code, cursor);
        editingWarm = true;
        return Task.Run(() => SymbolDocumentation.InspectAsync(Draft(code, cursor), cursor, cancellation), cancellation);
    }

    /// <summary>
    /// Builds the analysis of the cells run so far and asks one completion, in the background, so the learner's
    /// first Tab is fast; from then on each cell's analysis is compiled after it runs. The first completion does the
    /// same; a host calls this when a faster first Tab is worth the memory of an analysis that may never be used
    /// (the course's kernel does not: about 190 MB at the peak of notebook 01).
    /// </summary>
    public Task WarmUpEditingAsync()
    {
        editingWarm = true;
        return Task.Run(async () =>
        {
            var draft = Draft("Math.", 0);
            await CodeCompletion.CompleteAsync(draft, "Math.".Length, CancellationToken.None).ConfigureAwait(false);
            await SymbolDocumentation.InspectAsync(draft, 1, CancellationToken.None).ConfigureAwait(false);
        });
    }

    // After a cell: compiles the analysis of the cells so far in the background, so the next Tab does not pay for
    // it, once no cell has finished for a moment. Cells that finish meanwhile ask for one more round instead of
    // piling up work: a notebook run cell after cell compiles nothing until it pauses.
    private static readonly TimeSpan QuietBeforeCompiling = TimeSpan.FromMilliseconds(500);

    private void CompileForEditing()
    {
        Volatile.Write(ref compileAgain, true);
        if (Interlocked.CompareExchange(ref compiling, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                while (Interlocked.Exchange(ref compileAgain, false))
                {
                    await Task.Delay(QuietBeforeCompiling).ConfigureAwait(false);
                    if (Volatile.Read(ref compileAgain)) continue; // cells in a row (nbconvert, Run All): wait for a pause
                    await editing.CompileDraftAsync(Template(), CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                Volatile.Write(ref compiling, 0);
            }
        });
    }

    /// <inheritdoc />
    public CodeCompleteness IsComplete(string code) => CodeInsight.IsComplete(code);

    private static void CheckCursor(string code, int cursor)
    {
        if (cursor < 0 || cursor > code.Length)
            throw new ArgumentOutOfRangeException(nameof(cursor), cursor,
                $"The cursor position {cursor} is outside the code, which has {code.Length} characters: it must be between 0 and {code.Length}.");
    }

    // The code as the next submission after the cells run so far, for analysis only (never run). Directive lines
    // are blanked (offsets stay), except the one being typed (`#r` → Roslyn's directive keywords); references and
    // options are the current ones, #r included.
    private Document Draft(string code, int cursor)
    {
        var text = CellDirectives.StripLenient(code);
        if (text.Length == code.Length)
        {
            var start = code.LastIndexOf('\n', Math.Max(0, cursor - 1)) + 1;
            if (cursor == 0) start = 0;
            var end = code.IndexOf('\n', cursor) is var newline and >= 0 ? newline : code.Length;
            text = string.Concat(text.AsSpan(0, start), code.AsSpan(start, end - start), text.AsSpan(end));
        }
        return editing.Draft(text, Template());
    }

    private Compilation Template()
    {
        var options = scriptOptions;
        if (editingTemplate is not { } template || !ReferenceEquals(template.Options, options))
            editingTemplate = template = new EditingTemplate(options, CSharpScript.Create("", options, typeof(CellGlobals)).GetCompilation());
        return template.Compilation;
    }

    // For tests: the compilation of the last cell that ran, and the editing analysis of the cell after it.
    internal Compilation? LastCellCompilation => state?.Script.GetCompilation();

    internal Task<Compilation?> EditingCompilationAsync() => editing.CompileDraftAsync(Template(), CancellationToken.None);

    // References and options for analysing a cell, remade when #r changes them; one object, so a completion on
    // another thread never pairs one version's options with another's compilation.
    private sealed record EditingTemplate(ScriptOptions Options, Compilation Compilation);

    /// <inheritdoc />
    public void Dispose()
    {
        gate.Dispose();
        editing.Dispose();
    }
}
