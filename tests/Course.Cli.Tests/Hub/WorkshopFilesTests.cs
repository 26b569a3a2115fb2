using Course.Cli.Tests.Doctor;

namespace Course.Cli.Tests.Hub;

/// <summary>
/// What a hub run here cannot see (no Kubernetes, no Docker daemon), read from the files (tests/hub/test_workshop_files.py):
/// login fails closed, the start hook and its path, the start URL, one platform, ICU, a dated base image, the
/// build context, and values.yaml's sizing recomputed from the measurements.
/// </summary>
public sealed class WorkshopFilesTests
{
    [Fact]
    public void Values_dockerfile_and_sizing_follow_the_rules()
    {
        var (exit, output, errors) = CourseInstallation.Run("/usr/bin/python3",
            ["-m", "unittest", "-v", "test_workshop_files"], TimeSpan.FromMinutes(2), Repo.File("tests", "hub"));
        Assert.True(exit == 0, output + errors);
        Assert.Matches(@"Ran [6-9] tests", errors);
    }
}
