namespace Course.Cli.Doctor;

/// <summary>How a check came out. Only <see cref="Fail"/> makes `course doctor` exit non-zero.</summary>
public enum Verdict
{
    /// <summary>Works as the course needs.</summary>
    Ok,
    /// <summary>Worth knowing, nothing to fix (e.g. "CPU only").</summary>
    Info,
    /// <summary>Works, but something would make the course nicer or faster; has a fix.</summary>
    Warn,
    /// <summary>Blocks the course (TorchSharp cannot load, data corrupt); has a fix.</summary>
    Fail,
}

/// <summary>The result of one check: verdict, what was found, and (for warn/fail) what to do.</summary>
/// <param name="Check">The check's name, e.g. "datasets".</param>
/// <param name="Verdict">ok / info / warn / fail.</param>
/// <param name="Detail">What was found, in one line.</param>
/// <param name="Fix">What to do about it; null for ok/info.</param>
public sealed record CheckOutcome(string Check, Verdict Verdict, string Detail, string? Fix = null);

/// <summary>Where the checks look: environment variables and system folders, replaceable in tests.</summary>
/// <param name="Variable">Reads an environment variable (default: the process environment).</param>
/// <param name="SystemJupyterDirs">System-wide Jupyter data folders searched after the user's.</param>
public sealed record DoctorContext(Func<string, string?> Variable, IReadOnlyList<string> SystemJupyterDirs)
{
    /// <summary>The real machine: the process environment and Jupyter's standard system folders.</summary>
    public static DoctorContext Current { get; } = new(
        Environment.GetEnvironmentVariable,
        new[] { "/usr/local/share/jupyter", "/usr/share/jupyter" });
}

/// <summary>One named check of the machine; may return several outcomes (e.g. one matmul per device).</summary>
/// <param name="Name">Short name shown in the table.</param>
/// <param name="Run">Runs the check; never throws for problems it can describe.</param>
public sealed record DoctorCheck(string Name, Func<DoctorContext, IEnumerable<CheckOutcome>> Run);
