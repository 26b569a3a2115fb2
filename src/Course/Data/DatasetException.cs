namespace Course.Data;

/// <summary>A dataset file is missing, truncated or corrupt. The message names the file, what was expected and how to restore it.</summary>
public sealed class DatasetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetException(string message, Exception? inner = null) : base(message, inner) { }
}
