using Course.Notebooks.Execution;
using Microsoft.CodeAnalysis;

namespace Course.Notebooks.Tests.Execution;

/// <summary>The analysis completions compile beside the cells: what it may share with them, and what it holds.</summary>
public class EditingIsolationTests
{
    /// <summary>
    /// Completions compile the cells again, beside the cells that run. Roslyn caches the assembly symbols it builds in a
    /// reference's metadata and lets any later compilation of that metadata reuse them, and a cell takes the first cached
    /// symbols that fit, not those of the cell before it. Had the two shared metadata, a cell could switch to symbols an
    /// editing compilation built while earlier cells' <c>using static</c> still named the old ones: CS0433, "the type
    /// exists in both" (seen with TorchSharp in a kernel). They must share no assembly symbol at all.
    /// </summary>
    [Fact]
    public async Task Editing_compilations_share_no_assembly_symbol_with_the_cells()
    {
        using var engine = new ScriptEngine();
        await engine.Run("using static System.Math;\nvar root = Sqrt(2);");
        await engine.CompleteAsync("Math.", 5, CancellationToken.None);
        Assert.Equal(CellStatus.Ok, (await engine.Run("var again = Sqrt(root);")).Status);

        var cells = engine.LastCellCompilation!;
        var editing = (await engine.EditingCompilationAsync())!;
        var used = new HashSet<IAssemblySymbol>(cells.SourceModule.ReferencedAssemblySymbols, ReferenceEqualityComparer.Instance);
        var shared = editing.SourceModule.ReferencedAssemblySymbols.Where(used.Contains).Select(a => a.Name).ToList();

        Assert.True(used.Count > 100, $"the cells reference the whole runtime; found {used.Count} assemblies");
        Assert.Contains(editing.SourceModule.ReferencedAssemblySymbols, a => a.Name == "System.Runtime");
        Assert.True(shared.Count == 0, $"{shared.Count} assembly symbols are shared by the cells and the editing analysis, e.g. {string.Join(", ", shared.Take(5))}");
    }

    [Fact]
    public async Task Only_cells_that_declare_something_lengthen_the_analysis()
    {
        using var engine = new ScriptEngine();
        string[] cells =
        [
            "var rate = 0.5;", "rate * 2", "Console.WriteLine(rate);", "rate = 0.25;", "double Half(double x) => x / 2;",
            "for (var i = 0; i < 3; i++) rate += Half(i);", "using System.Text;", "if (int.TryParse(\"7\", out var seven)) rate += seven;",
        ];
        foreach (var cell in cells) Assert.Equal(CellStatus.Ok, (await engine.Run(cell)).Status);

        var submissions = 0;
        for (var c = await engine.EditingCompilationAsync(); c is not null; c = c.ScriptCompilationInfo?.PreviousScriptCompilation) submissions++;
        Assert.Equal(5, submissions); // rate, Half, the using, seven, and the draft itself
        var texts = (await engine.CompleteAsync("se", 2, CancellationToken.None)).Matches.Select(m => m.Text).ToList();
        Assert.Contains("seven", texts);
        Assert.Contains("StringBuilder", (await engine.CompleteAsync("StringB", 7, CancellationToken.None)).Matches.Select(m => m.Text));
    }
}
