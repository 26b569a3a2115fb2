using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace Course.Notebooks.Editing;

/// <summary>
/// The cells run so far as Roslyn sees them in an editor: one submission project per successful cell, each
/// continuing the one before (as the script state does), with that cell's references and compilation options.
/// A cell being typed is analysed as a further submission that is never added. Solutions are immutable, so
/// completions read a snapshot while a cell runs and adds the next submission.
/// </summary>
internal sealed class SubmissionWorkspace : IDisposable
{
    // The MEF host with Roslyn's editor features (completion providers, recommenders, quick info) loaded.
    private static readonly Lazy<MefHostServices> Host = new(() => MefHostServices.Create(MefHostServices.DefaultAssemblies));

    private readonly AdhocWorkspace workspace = new(Host.Value, "Interactive");
    private readonly Type hostObjectType;
    private readonly object gate = new();
    private Solution solution;
    private ProjectId? last;
    private int count;
    private IReadOnlyList<MetadataReference> resolved = [];
    private (Solution Solution, DocumentId Document, int Count, Compilation Template)? draft;

    public SubmissionWorkspace(Type hostObjectType)
    {
        this.hostObjectType = hostObjectType;
        solution = workspace.CurrentSolution;
    }

    /// <summary>
    /// Adds a cell that ran (its code, directives blanked, and the compilation the script state made of it) if it
    /// declared something later cells see: a variable, method, type or using. A cell that only runs statements
    /// (<c>model.train()</c>, <c>1 + 1</c>) leaves the analysis as it was, so the next Tab needs no new compilation;
    /// each submission kept also makes every later analysis longer. Returns whether the cell was added.
    /// </summary>
    public bool Add(string code, Compilation ran)
    {
        if (!Declares(ran)) return false;
        lock (gate)
        {
            resolved = Resolved(ran);
            var (next, project) = WithSubmission(solution, last, ++count, code, ran);
            solution = next;
            last = project;
        }
        return true;
    }

    // Top-level variables, local functions and types of a cell are members of its script class; the rest of its
    // members (constructor, entry points) are made by the compiler.
    private static bool Declares(Compilation ran) =>
        ran.ScriptClass is not { } script
        || script.GetMembers().Any(m => !m.IsImplicitlyDeclared)
        || ran.SyntaxTrees.Any(t => t.GetCompilationUnitRoot() is { Usings.Count: > 0 } or { Externs.Count: > 0 });

    /// <summary>
    /// <paramref name="code"/> as the next submission after the cells added so far, for analysis only.
    /// <paramref name="template"/> gives references and options when no cell has run yet (and when a cell's
    /// <c>#r</c> added references since). One draft project is kept per state and only its text changes, so Roslyn
    /// reuses its compilation (references bound once) from one keystroke to the next.
    /// </summary>
    public Document Draft(string code, Compilation template)
    {
        var (based, document) = DraftProject(template);
        return based.WithDocumentText(document, SourceText.From(code)).GetDocument(document)!;
    }

    /// <summary>The draft project's compilation for the cells so far (what a warm-up computes once, in the background).</summary>
    public Task<Compilation?> CompileDraftAsync(Compilation template, CancellationToken cancellation)
    {
        var (based, document) = DraftProject(template);
        return based.GetProject(document.ProjectId)!.GetCompilationAsync(cancellation);
    }

    private (Solution, DocumentId) DraftProject(Compilation template)
    {
        lock (gate)
        {
            if (draft is { } kept && kept.Count == count && ReferenceEquals(kept.Template, template)) return (kept.Solution, kept.Document);
            var (with, project) = WithSubmission(solution, last, count + 1, "", template);
            var document = with.GetProject(project)!.DocumentIds.Single();
            draft = (with, document, count, template);
            return (with, document);
        }
    }

    private (Solution, ProjectId) WithSubmission(Solution into, ProjectId? previous, int number, string code, Compilation compilation)
    {
        var project = ProjectId.CreateNewId($"cell {number}");
        var document = DocumentId.CreateNewId(project, $"cell-{number}.csx");
        var info = ProjectInfo.Create(project, VersionStamp.Create(), $"cell {number}", $"Submission{number}", LanguageNames.CSharp,
            compilationOptions: compilation.Options,
            parseOptions: Execution.ScriptEngine.ParseOptions,
            metadataReferences: EditingReferences.CopiesOf(compilation.References.Concat(resolved)),
            projectReferences: previous is null ? [] : [new ProjectReference(previous)],
            isSubmission: true,
            hostObjectType: hostObjectType);
        var with = into.AddProject(info).AddDocument(DocumentInfo.Create(document, $"cell-{number}.csx",
            sourceCodeKind: SourceCodeKind.Script,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(code), VersionStamp.Create()))));
        return (with, project);
    }

    // The assemblies the cell's compilation found on its own (dependencies of the references, e.g. TorchSharp's
    // SkiaSharp): given to the workspace explicitly, so it does not look them up again into new metadata for each
    // draft, which made every draft rebuild the symbols of TorchSharp and all that depends on it.
    private static IReadOnlyList<MetadataReference> Resolved(Compilation ran)
    {
        var explicitly = ran.References.ToHashSet();
        return [.. ran.SourceModule.ReferencedAssemblySymbols.Select(ran.GetMetadataReference).OfType<MetadataReference>().Where(r => !explicitly.Contains(r))];
    }

    public void Dispose() => workspace.Dispose();
}
