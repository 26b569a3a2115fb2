using System.Text;

namespace Course.Notebooks.Documents;

/// <summary>Loads and saves notebooks by file extension (.ipynb or .dib).</summary>
public static class NotebookFile
{
    /// <summary>File extensions this engine reads.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".ipynb", ".dib"];

    /// <summary>Reads a notebook. Throws <see cref="NotebookFormatException"/> with a readable message on bad input.</summary>
    public static Notebook Load(string path)
    {
        if (!File.Exists(path)) throw new NotebookFormatException($"{path}: no such file.");
        var text = File.ReadAllText(path, Encoding.UTF8);
        return IsDib(path) ? DibFormat.Parse(text, path) : IpynbFormat.Parse(text, path);
    }

    /// <summary>
    /// Writes <paramref name="notebook"/> to <paramref name="path"/> atomically (a temporary file beside it, then
    /// a rename), so a reader never sees half a notebook and a crash never destroys the previous file.
    /// </summary>
    public static void Save(Notebook notebook, string path)
    {
        var text = IsDib(path) ? DibFormat.Write(notebook) : notebook.ToJson();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                file.Flush(flushToDisk: true); // the bytes are on disk before the rename makes them the notebook
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static bool IsDib(string path) => string.Equals(Path.GetExtension(path), ".dib", StringComparison.OrdinalIgnoreCase);
}
