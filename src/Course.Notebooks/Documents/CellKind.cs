namespace Course.Notebooks.Documents;

/// <summary>The nbformat cell types; <see cref="Other"/> keeps a cell type this engine does not know.</summary>
public enum CellKind { Markdown, Code, Raw, Other }
