using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Cli.Workshop;

/// <summary>
/// Finds learner code that tries to stand in for the checks: a type or alias named like the library's exercise types,
/// a method named like a check, or code that builds check verdicts itself. The grader runs fully qualified checks, so
/// such code cannot fake a pass there — but it shows intent, so the teacher is told.
/// </summary>
public static class CheckForgery
{
    private static readonly HashSet<string> LibraryTypes = ["Exercise", "CheckResult", "CheckOutcome", "ExerciseCatalogue", "ExerciseDefinition", "Exercises"];
    private static readonly HashSet<string> CheckMethods = ["Check", "CheckFunction", "CheckValue"];

    /// <summary>What in <paramref name="code"/> imitates the checks (empty when nothing does).</summary>
    public static IReadOnlyList<string> In(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var found = new List<string>();
        foreach (var node in root.DescendantNodes())
        {
            var what = node switch
            {
                BaseTypeDeclarationSyntax t when LibraryTypes.Contains(t.Identifier.Text) => $"declares its own type {t.Identifier.Text}",
                DelegateDeclarationSyntax d when LibraryTypes.Contains(d.Identifier.Text) => $"declares its own type {d.Identifier.Text}",
                UsingDirectiveSyntax { Alias: { } alias } when LibraryTypes.Contains(alias.Name.Identifier.Text) => $"aliases {alias.Name.Identifier.Text} to something else",
                MethodDeclarationSyntax m when CheckMethods.Contains(m.Identifier.Text) => $"declares a method {m.Identifier.Text}",
                LocalFunctionStatementSyntax f when CheckMethods.Contains(f.Identifier.Text) => $"declares a method {f.Identifier.Text}",
                IdentifierNameSyntax { Identifier.Text: "CheckResult" } => "builds check verdicts (CheckResult)",
                LiteralExpressionSyntax l when l.Token.ValueText.Contains(Course.Exercises.CheckResult.MimeType, StringComparison.Ordinal) => "writes the check verdict's output format itself",
                _ => null,
            };
            if (what is not null && !found.Contains(what)) found.Add(what);
        }
        return found;
    }
}
