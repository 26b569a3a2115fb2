using Course.Notebooks.Execution.Directives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Notebooks.Execution;

/// <summary>
/// Whether a cell is complete, from its syntax alone (completions and inspection: see the Editing folder).
/// </summary>
internal static class CodeInsight
{
    /// <summary>Complete, incomplete (an open brace, string, …: more lines needed) or invalid.</summary>
    public static CodeCompleteness IsComplete(string code)
    {
        var text = CellDirectives.StripLenient(code);
        if (string.IsNullOrWhiteSpace(text)) return CodeCompleteness.Complete;
        var tree = CSharpSyntaxTree.ParseText(text, ScriptEngine.ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return CodeCompleteness.Incomplete;
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? CodeCompleteness.Invalid : CodeCompleteness.Complete;
    }
}
