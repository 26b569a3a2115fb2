using System.Reflection;
using System.Runtime.CompilerServices;

namespace Course.Exercises;

/// <summary>Matches a learner's function (a method group or lambda passed as <see cref="Delegate"/>) against the signature an exercise asks for.</summary>
internal static class LearnerFunction
{
    /// <summary>The parameter types a function taking <paramref name="input"/> has: a tuple's items, none for <see cref="ValueTuple"/>, else the type itself.</summary>
    public static Type[] ParametersOf(Type input) =>
        input == typeof(ValueTuple) ? [] : IsTuple(input) ? input.GetGenericArguments() : [input];

    /// <summary>The arguments for one call with <paramref name="input"/>, spread as <see cref="ParametersOf"/> says.</summary>
    public static object?[] ArgumentsOf<TIn>(TIn input) =>
        typeof(TIn) == typeof(ValueTuple) ? []
        : IsTuple(typeof(TIn)) && input is ITuple tuple ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray()
        : [input];

    private static bool IsTuple(Type type) => type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    /// <summary>Throws <see cref="SignatureMismatchException"/> unless <paramref name="learner"/> takes exactly <paramref name="parameters"/> and returns a <paramref name="returns"/>.</summary>
    public static void Require(ExerciseDefinition exercise, Delegate learner, Type[] parameters, Type returns)
    {
        var method = learner.Method;
        var actual = method.GetParameters().Select(p => p.ParameterType).ToArray();
        if (actual.SequenceEqual(parameters) && returns.IsAssignableFrom(method.ReturnType) && method.ReturnType != typeof(void)) return;
        throw new SignatureMismatchException(
            $"This check needs the function `{exercise.Task}`, but yours is `{Describe(method)}`. " +
            $"Give it {Count(parameters.Length)} ({string.Join(", ", parameters.Select(CSharpName))}) returning {CSharpName(returns)}, then run your cell and this check again.");
    }

    /// <summary>The learner's function as a <paramref name="delegateType"/>.</summary>
    public static Delegate Bind(ExerciseDefinition exercise, Delegate learner, Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        Require(exercise, learner, invoke.GetParameters().Select(p => p.ParameterType).ToArray(), invoke.ReturnType);
        return learner.Method.CreateDelegate(delegateType, learner.Target);
    }

    /// <summary>A type as C# spells it: <c>int</c>, <c>double[]</c>, <c>(double, double)</c>, <c>List&lt;int&gt;</c>.</summary>
    public static string CSharpName(Type type)
    {
        if (type.IsArray) return CSharpName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (Nullable.GetUnderlyingType(type) is { } inner) return CSharpName(inner) + "?";
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (!type.IsGenericType) return type.Name;
        var arguments = type.GetGenericArguments().Select(CSharpName);
        if (IsTuple(type)) return "(" + string.Join(", ", arguments) + ")";
        return type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", arguments) + ">";
    }

    private static string Describe(MethodInfo method) =>
        $"{CSharpName(method.ReturnType)} ({string.Join(", ", method.GetParameters().Select(p => $"{CSharpName(p.ParameterType)} {p.Name}"))})";

    private static string Count(int n) => n switch { 0 => "no parameters", 1 => "one parameter", _ => $"{n} parameters" };

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(int)] = "int", [typeof(long)] = "long", [typeof(float)] = "float",
        [typeof(double)] = "double", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(byte)] = "byte", [typeof(decimal)] = "decimal",
    };
}
