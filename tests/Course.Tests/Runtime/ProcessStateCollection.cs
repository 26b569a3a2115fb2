namespace Course.Tests.Runtime;

/// <summary>
/// Tests that read process-wide state (working set, GC heap, glibc's heap counters, huge pages) or time a program
/// against a limit. xunit runs such a collection after the parallel ones, one test at a time, so another test's
/// tensors, garbage or threads cannot move what these tests measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "process-wide state (serial)";
}
