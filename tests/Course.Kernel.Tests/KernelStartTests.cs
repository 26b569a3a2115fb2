using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Course.Kernel.Tests;

public sealed class KernelStartTests
{
    [Fact]
    public void A_port_in_use_ends_with_one_line_naming_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var folder = Directory.CreateTempSubdirectory("course-kernel-port-").FullName;
        try
        {
            var free = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
            var file = Path.Combine(folder, "connection.json");
            File.WriteAllText(file, new JsonObject
            {
                ["transport"] = "tcp", ["ip"] = "127.0.0.1", ["key"] = "k", ["signature_scheme"] = "hmac-sha256",
                ["shell_port"] = free[0], ["iopub_port"] = free[1], ["stdin_port"] = free[2], ["control_port"] = port, ["hb_port"] = free[3],
            }.ToJsonString());
            var cli = Path.Combine(AppContext.BaseDirectory, "Course.Cli.dll");
            var (exit, output) = KernelInstallation.Run("dotnet", [cli, "kernel", file], folder, limit: TimeSpan.FromMinutes(1));
            Assert.Equal(2, exit);
            Assert.Contains($"tcp://127.0.0.1:{port} (control_port", output);
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
