using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Course.Tests.Architecture;

/// <summary>
/// The arrows of docs/architecture.md, checked twice: in the built assemblies' references (what loads at run time) and
/// in the project files' references, followed transitively (what a build copies into a program's output folder).
/// </summary>
public sealed class DependencyRulesTests
{
    // Each part and the parts it must never depend on, directly or through another project.
    public static TheoryData<string, string[]> Rules => new()
    {
        { "Course.Hosting", ["Course", "Course.Notebooks", "Course.Kernel", "Course.Interactive", "Course.Cli"] },
        { "Course", ["Course.Notebooks", "Course.Kernel", "Course.Interactive", "Course.Cli"] },
        { "Course.Notebooks", ["Course", "Course.Kernel", "Course.Interactive", "Course.Cli"] },
        { "Course.Kernel", ["Course", "Course.Interactive", "Course.Cli"] },
        // The .NET Interactive set-up uses the library and the engine's formatters, never our kernel or the CLI.
        { "Course.Interactive", ["Course.Kernel", "Course.Cli"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_built_assembly_does_not_reference_the_parts_above_it(string part, string[] forbidden)
    {
        var references = AssemblyReferences(Path.Combine(AppContext.BaseDirectory, part + ".dll"));
        Assert.Empty(references.Intersect(forbidden));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_project_does_not_reference_the_parts_above_it_even_through_another_project(string part, string[] forbidden)
    {
        var reachable = ProjectClosure(RepoPaths.Project(part));
        Assert.Empty(reachable.Intersect(forbidden));
    }

    [Fact]
    public void The_contract_references_only_the_framework_and_no_package()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var outside = AssemblyReferences(Path.Combine(AppContext.BaseDirectory, "Course.Hosting.dll"))
            .Where(name => !File.Exists(Path.Combine(framework, name + ".dll")));
        Assert.Empty(outside);
        var project = XDocument.Load(RepoPaths.Project("Course.Hosting"));
        Assert.DoesNotContain(project.Descendants(), e => e.Name.LocalName is "PackageReference" or "ProjectReference");
    }

    [Fact]
    public void The_rules_see_references_that_exist()
    {
        // Guards the two readers above: a reader that found nothing would let every rule pass.
        Assert.Contains("Course.Hosting", AssemblyReferences(Path.Combine(AppContext.BaseDirectory, "Course.dll")));
        Assert.Contains("TorchSharp", AssemblyReferences(Path.Combine(AppContext.BaseDirectory, "Course.dll")));
        var kernel = ProjectClosure(RepoPaths.Project("Course.Kernel"));
        Assert.Contains("Course.Notebooks", kernel);
        Assert.Contains("Course.Hosting", kernel); // only through the engine: the closure is followed
        Assert.DoesNotContain("Course.Hosting", ProjectClosure(RepoPaths.Project("Course.Hosting")));
    }

    private static HashSet<string> AssemblyReferences(string dll)
    {
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToHashSet();
    }

    // Names of every project reachable through ProjectReference items, the project itself excluded.
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var path))
        {
            var folder = Path.GetDirectoryName(path)!;
            foreach (var reference in XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
            {
                var target = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                if (seen.Add(Path.GetFileNameWithoutExtension(target))) pending.Push(target);
            }
        }
        return seen;
    }
}
