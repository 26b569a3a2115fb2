using System.Text;
using System.Text.Json;
using Course.Formatting;

namespace Course.Exercises;

/// <summary>How a learner's answer fared.</summary>
public enum CheckOutcome
{
    /// <summary>Correct.</summary>
    Pass,
    /// <summary>A known mistake, with a hint aimed at it.</summary>
    Hint,
    /// <summary>The stub is still there (it throws NotImplementedException or returns the sentinel).</summary>
    NotAttempted,
    /// <summary>Wrong in a way no hint anticipated.</summary>
    Wrong,
}

/// <summary>
/// The verdict of one exercise check, shown in the notebook and kept in <see cref="Exercise.Results"/> for tests. A
/// wrong answer shows the input it failed on and what the learner's code returned — never the expected value, which
/// would hand the answer to the next learner.
/// </summary>
/// <param name="Name">The exercise id.</param>
/// <param name="Outcome">Pass, hint, not attempted or wrong.</param>
/// <param name="Message">The advice (a hint, or what to do next).</param>
/// <param name="Got">What the learner's code returned for <paramref name="Input"/>.</param>
/// <param name="Input">The test input the answer failed on.</param>
public sealed record CheckResult(string Name, CheckOutcome Outcome, string Message, string? Got = null, string? Input = null)
{
    /// <summary>MIME type of the machine-readable form in the cell output (lets tests read executed notebooks).</summary>
    public const string MimeType = "application/vnd.course.check+json";

    /// <summary>True when the answer is correct.</summary>
    public bool Passed => Outcome == CheckOutcome.Pass;

    private string Label => Outcome switch
    {
        CheckOutcome.Pass => "✔ Correct",
        CheckOutcome.Hint => "✘ Not yet — hint",
        CheckOutcome.NotAttempted => "… Not attempted yet",
        _ => "✘ Not quite",
    };

    /// <summary>The verdict for an untouched stub.</summary>
    public static CheckResult NotAttempted(string name) =>
        new(name, CheckOutcome.NotAttempted, "Replace the `throw new NotImplementedException()` (or placeholder) with your answer, run that cell, then run this check again.");

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder($"[{Outcome}] {Name}: {Label}. {Message}");
        if (Input is not null) text.Append($"\n  input:    {Input}");
        if (Got is not null) text.Append($"\n  you gave: {Got}");
        return text.ToString();
    }

    /// <summary>A coloured box: green pass, amber hint, grey not attempted, red otherwise.</summary>
    public string ToHtml()
    {
        var (border, background) = Outcome switch
        {
            CheckOutcome.Pass => ("#2e7d32", "#e8f5e9"),
            CheckOutcome.Hint => ("#ef8f00", "#fff8e1"),
            CheckOutcome.NotAttempted => ("#9e9e9e", "#f5f5f5"),
            _ => ("#c62828", "#ffebee"),
        };
        var html = new StringBuilder(
            $"<div class=\"course-check course-check-{Outcome.ToString().ToLowerInvariant()}\" style=\"border-left:5px solid {border};background:{background};padding:8px 12px;margin:4px 0;font-family:sans-serif\">" +
            $"<b>{Html.Encode(Label)}</b> <span style=\"color:#555\">({Html.Encode(Name)})</span><div>{Html.Encode(Message)}</div>");
        if (Input is not null || Got is not null)
        {
            html.Append("<table style=\"margin-top:4px;font-family:monospace\">");
            if (Input is not null) html.Append($"<tr><td>input</td><td>{Html.Encode(Input)}</td></tr>");
            if (Got is not null) html.Append($"<tr><td>you gave</td><td>{Html.Encode(Got)}</td></tr>");
            html.Append("</table>");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>The machine-readable form: name, outcome and message.</summary>
    public string ToJson() => JsonSerializer.Serialize(new { name = Name, outcome = Outcome.ToString(), message = Message });
}
