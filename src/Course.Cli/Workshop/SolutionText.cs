using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Cli.Workshop;

/// <summary>
/// Finds a worked solution in notebook code whatever it is called and however it is laid out: both are compared as
/// C# token shapes, with whitespace and comments dropped and every name (or dotted chain of names, <c>c.Tp</c>)
/// replaced by one placeholder. Only the answer part of a solution is searched for — what follows the longest
/// start it shares with its stub (the signature, the given data) — so the stub itself is no hit.
/// </summary>
public static class SolutionText
{
    private const string Name = "·name·";

    /// <summary>The token shapes of <paramref name="code"/>.</summary>
    public static IReadOnlyList<string> Shape(string code)
    {
        var shapes = new List<string>();
        foreach (var token in SyntaxFactory.ParseTokens(code))
        {
            if (token.IsKind(SyntaxKind.EndOfFileToken)) break;
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                // a.b.c is one name: a check cell's c.Tp and a solution's tp are the same answer.
                if (shapes.Count >= 2 && shapes[^1] == "." && shapes[^2] == Name) { shapes.RemoveAt(shapes.Count - 1); continue; }
                shapes.Add(Name);
            }
            else shapes.Add(token.Text);
        }
        return shapes;
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same tokens, names included (layout and comments aside).</summary>
    public static bool SameTokens(string a, string b) =>
        SyntaxFactory.ParseTokens(a).Select(t => t.Text).SequenceEqual(SyntaxFactory.ParseTokens(b).Select(t => t.Text));

    /// <summary>The answer part of <paramref name="solution"/>: its shapes after the start it shares with <paramref name="stub"/>, without a final <c>;</c>.</summary>
    public static IReadOnlyList<string> Answer(string solution, string stub)
    {
        var answer = Shape(solution);
        var given = Shape(stub);
        int shared = 0;
        while (shared < answer.Count && shared < given.Count && answer[shared] == given[shared]) shared++;
        var rest = answer.Skip(shared).ToList();
        if (rest.Count > 0 && rest[^1] == ";") rest.RemoveAt(rest.Count - 1);
        return rest;
    }

    /// <summary>True when <paramref name="code"/> holds the token sequence <paramref name="answer"/>.</summary>
    public static bool Contains(string code, IReadOnlyList<string> answer)
    {
        if (answer.Count == 0) return false;
        var shapes = Shape(code);
        for (int start = 0; start + answer.Count <= shapes.Count; start++)
            if (Enumerable.Range(0, answer.Count).All(i => shapes[start + i] == answer[i])) return true;
        return false;
    }
}
