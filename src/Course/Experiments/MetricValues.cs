using System.Reflection;

namespace Course.Experiments;

/// <summary>Turns what a run returns (a record, a dictionary, a number) into named numbers for the table.</summary>
internal static class MetricValues
{
    public static IReadOnlyDictionary<string, double> From(object? metrics)
    {
        switch (metrics)
        {
            case null:
                throw new ArgumentException("The run returned null; return a record of metrics, e.g. new { Accuracy = acc }.");
            case IReadOnlyDictionary<string, double> dictionary:
                return new Dictionary<string, double>(dictionary);
            case IConvertible number when IsNumeric(metrics.GetType()):
                return new Dictionary<string, double> { ["value"] = number.ToDouble(null) };
        }
        var values = new Dictionary<string, double>();
        foreach (var property in metrics.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.GetIndexParameters().Length == 0 && IsNumeric(property.PropertyType) && property.GetValue(metrics) is IConvertible value)
                values[property.Name] = value.ToDouble(null);
        if (values.Count == 0)
            throw new ArgumentException($"The run returned a {metrics.GetType().Name} with no numeric properties; return e.g. new {{ Accuracy = acc, Loss = loss }}.");
        return values;
    }

    private static bool IsNumeric(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(double) || type == typeof(float) || type == typeof(int) || type == typeof(long) || type == typeof(decimal);
    }
}
