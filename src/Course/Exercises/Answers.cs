using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace Course.Exercises;

/// <summary>Comparing and describing answers of the kinds the course asks for: numbers, tensors, arrays, anything with Equals.</summary>
internal static class Answers
{
    /// <summary>Equal within tolerance: numbers |a−b| ≤ tol·(1+|b|), tensors same shape and allclose, sequences element by element.</summary>
    public static bool Match(object? got, object? expected, double tolerance)
    {
        switch (got, expected)
        {
            case (null, null): return true;
            case (null, _) or (_, null): return false;
            case (Tensor a, Tensor b):
                if (!a.shape.SequenceEqual(b.shape)) return false;
                using (var scope = NewDisposeScope())
                    return a.detach().cpu().to_type(ScalarType.Float64).allclose(b.detach().cpu().to_type(ScalarType.Float64), rtol: tolerance, atol: tolerance);
            case (string a, string b): return a == b;
            case (IConvertible a, IConvertible b) when IsNumber(a) && IsNumber(b):
                double x = a.ToDouble(CultureInfo.InvariantCulture), y = b.ToDouble(CultureInfo.InvariantCulture);
                return x == y || Math.Abs(x - y) <= tolerance * (1 + Math.Abs(y));
            case (ITuple a, ITuple b):
                return a.Length == b.Length && Enumerable.Range(0, a.Length).All(i => Match(a[i], b[i], tolerance));
            case (IEnumerable a, IEnumerable b) when got is not string:
                var left = a.Cast<object?>().ToList();
                var right = b.Cast<object?>().ToList();
                return left.Count == right.Count && left.Zip(right).All(p => Match(p.First, p.Second, tolerance));
            default: return Equals(got, expected);
        }
    }

    /// <summary>A short text for showing a learner's answer or a test input.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        Tensor t => Course.Formatting.TensorText.Summary(t),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        ITuple t => "(" + string.Join(", ", Enumerable.Range(0, t.Length).Select(i => Describe(t[i]))) + ")",
        Array { Rank: 2 } m => Matrix(m),
        IEnumerable e => Sequence(e),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>True when <paramref name="e"/> (or an exception inside it) says "not implemented yet".</summary>
    public static bool IsStub(Exception e) => e switch
    {
        NotImplementedException => true,
        AggregateException a => a.InnerExceptions.Any(IsStub),
        TargetInvocationException { InnerException: { } inner } => IsStub(inner),
        TypeInitializationException { InnerException: { } inner } => IsStub(inner),
        _ => false,
    };

    private static string Matrix(Array m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(i => Sequence(Enumerable.Range(0, m.GetLength(1)).Select(j => m.GetValue(i, j))))) + "]";

    private static string Sequence(IEnumerable e)
    {
        var items = e.Cast<object?>().Take(11).Select(Describe).ToList();
        return "[" + string.Join(", ", items.Take(10)) + (items.Count > 10 ? ", …" : "") + "]";
    }

    private static bool IsNumber(IConvertible c) => c.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal;
}
