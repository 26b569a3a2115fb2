namespace Course.Kernel;

/// <summary>
/// Shell-style patterns as IPython's history search takes them: <c>*</c> any text, <c>?</c> one character,
/// <c>[abc]</c>, <c>[a-z]</c> and <c>[!abc]</c> (or <c>[^abc]</c>) one character of (not of) a set; case-sensitive.
/// Matching keeps only the last <c>*</c> to return to, so it takes at most pattern × text steps: a pattern
/// such as <c>*a*a*a*…b</c> cannot hang the kernel the way a backtracking regular expression does.
/// </summary>
internal static class Glob
{
    public static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starT = t;
                continue;
            }
            if (p < pattern.Length && One(pattern, p, text[t], out var next))
            {
                p = next;
                t++;
                continue;
            }
            if (starP < 0) return false;
            p = starP; // let the last star take one more character
            t = ++starT;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    // Does the element of the pattern at p (not a star) match c? next: where the following element starts.
    private static bool One(string pattern, int p, char c, out int next)
    {
        next = p + 1;
        if (pattern[p] == '?') return true;
        if (pattern[p] != '[') return pattern[p] == c;
        var i = p + 1;
        var negate = i < pattern.Length && pattern[i] is '!' or '^';
        if (negate) i++;
        var first = i;
        var inSet = false;
        while (i < pattern.Length && (pattern[i] != ']' || i == first))
        {
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                inSet |= c >= pattern[i] && c <= pattern[i + 2];
                i += 3;
            }
            else inSet |= pattern[i++] == c;
        }
        if (i >= pattern.Length) return pattern[p] == c; // no closing ]: a literal [
        next = i + 1;
        return inSet != negate;
    }
}
