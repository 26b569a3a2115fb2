namespace Course.Notebooks.Documents;

/// <summary>A notebook file that cannot be read or used as asked; the message says what is wrong and how to fix it.</summary>
public sealed class NotebookFormatException(string message, Exception? inner = null) : Exception(message, inner);
