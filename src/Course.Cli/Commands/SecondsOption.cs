using System.CommandLine;
using System.Globalization;

namespace Course.Cli.Commands;

/// <summary>An option giving a duration in seconds: a number above 0 and at most a week, or a clear error.</summary>
internal static class SecondsOption
{
    private const double Week = 7 * 24 * 3600;

    public static Option<double?> Create(string name, string description)
    {
        var option = new Option<double?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } seconds && !(double.IsFinite(seconds) && seconds > 0 && seconds <= Week))
                result.AddError($"{name} {seconds.ToString(CultureInfo.InvariantCulture)}: give a number of seconds above 0 and at most {Week.ToString(CultureInfo.InvariantCulture)} (a week), e.g. {name} 600.");
        });
        return option;
    }
}
