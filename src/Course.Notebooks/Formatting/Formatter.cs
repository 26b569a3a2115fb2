using System.Collections.Concurrent;

namespace Course.Notebooks.Formatting;

/// <summary>
/// The one registry that turns values into MIME bundles. The engine registers the basics; the course library
/// adds its own types (tensors, charts, tables) with <see cref="Register{T}"/>. The most specific registered
/// type wins (exact type, then base types, then interfaces); anything else is shown with ToString().
/// </summary>
public static class Formatter
{
    private static readonly ConcurrentDictionary<Type, Func<object, MimeBundle>> Formatters = new();

    // The built-ins register first, so anything registered later (by the course library) replaces them.
    static Formatter() => BuiltInFormatters.Register();

    /// <summary>Registers how values of type <typeparamref name="T"/> (and types derived from it) are shown.</summary>
    public static void Register<T>(Func<T, MimeBundle> format) => Formatters[typeof(T)] = value => format((T)value);

    /// <summary>The bundle for a value. Never throws: a failing formatter falls back to text/plain with the reason.</summary>
    public static MimeBundle Format(object? value)
    {
        if (value is null) return MimeBundle.Text("null");
        if (value is MimeBundle bundle) return bundle;
        var format = Find(value.GetType());
        if (format is null) return MimeBundle.Text(value.ToString() ?? "");
        try
        {
            return format(value);
        }
        catch (Exception e)
        {
            return MimeBundle.Text($"{value} (formatter for {value.GetType().Name} failed: {e.Message})");
        }
    }

    private static Func<object, MimeBundle>? Find(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (Formatters.TryGetValue(t, out var f)) return f;
        foreach (var i in type.GetInterfaces())
            if (Formatters.TryGetValue(i, out var f)) return f;
        return null;
    }
}
