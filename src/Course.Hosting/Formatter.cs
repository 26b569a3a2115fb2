using System.Collections.Concurrent;

namespace Course.Hosting;

/// <summary>
/// The one registry that turns values into MIME bundles. A host (the notebook engine) adds its defaults at start-up
/// with <see cref="RegisterDefault{T}"/> (numbers, tables, Plotly charts); the course library adds its own types
/// (tensors, result tables) with <see cref="Register{T}"/>, which wins over a default whichever comes first. The most
/// specific registered type wins (exact type, then base types, then interfaces); anything else is shown with ToString().
/// </summary>
public static class Formatter
{
    private static readonly ConcurrentDictionary<Type, Func<object, MimeBundle>> Formatters = new();

    // Types whose formatter is a host default; guarded by the lock so Register and RegisterDefault never interleave.
    private static readonly HashSet<Type> Defaults = [];

    /// <summary>Registers how values of type <typeparamref name="T"/> (and types derived from it) are shown.</summary>
    public static void Register<T>(Func<T, MimeBundle> format)
    {
        lock (Defaults)
        {
            Formatters[typeof(T)] = value => format((T)value);
            Defaults.Remove(typeof(T));
        }
    }

    /// <summary>
    /// Registers a host's default for <typeparamref name="T"/>: used until someone calls <see cref="Register{T}"/> for the
    /// same type, and never replacing such a registration, so the order in which host and library start does not matter.
    /// </summary>
    public static void RegisterDefault<T>(Func<T, MimeBundle> format)
    {
        lock (Defaults)
        {
            if (Formatters.ContainsKey(typeof(T)) && !Defaults.Contains(typeof(T))) return;
            Formatters[typeof(T)] = value => format((T)value);
            Defaults.Add(typeof(T));
        }
    }

    /// <summary>
    /// The types that have a formatter now (host defaults and library registrations), for a host with its own formatter
    /// registry that hands these types to this one (the .NET Interactive set-up, Course.Interactive).
    /// </summary>
    public static IReadOnlyCollection<Type> RegisteredTypes => [.. Formatters.Keys];

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
