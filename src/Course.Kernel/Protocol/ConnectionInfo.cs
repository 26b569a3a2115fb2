using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course.Kernel.Protocol;

/// <summary>
/// The connection file Jupyter writes before it starts a kernel: where to bind the five sockets and the key
/// that signs every message.
/// </summary>
public sealed record ConnectionInfo
{
    /// <summary>"tcp" (or "ipc").</summary>
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";

    /// <summary>The address to bind, 127.0.0.1 in practice.</summary>
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";

    /// <summary>Port of the shell (requests) socket.</summary>
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }

    /// <summary>Port of the iopub (broadcast) socket.</summary>
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }

    /// <summary>Port of the stdin (input requests) socket.</summary>
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }

    /// <summary>Port of the control (interrupt, shutdown) socket.</summary>
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }

    /// <summary>Port of the heartbeat (echo) socket.</summary>
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }

    /// <summary>HMAC key; empty disables signing.</summary>
    [JsonPropertyName("key")] public string Key { get; init; } = "";

    /// <summary>Only "hmac-sha256" is supported.</summary>
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    /// <summary>The ZeroMQ address of one socket, e.g. tcp://127.0.0.1:5555 (ipc uses "ip-port" as file name).</summary>
    public string Address(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"{Transport}://{Ip}:{port}";

    /// <summary>Reads and checks a connection file; the message of the exception says what was wrong.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path))
            throw new KernelStartException($"Connection file '{path}' does not exist. Jupyter passes it as {{connection_file}} when it starts the kernel.");
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new KernelStartException($"Connection file '{path}' is not valid JSON: {e.Message}");
        }
        if (info is null) throw new KernelStartException($"Connection file '{path}' is empty.");
        info.Check(path);
        return info;
    }

    private void Check(string path)
    {
        if (Transport is not ("tcp" or "ipc"))
            throw new KernelStartException($"Connection file '{path}': transport '{Transport}' is not supported (use tcp or ipc).");
        if (SignatureScheme != "hmac-sha256")
            throw new KernelStartException($"Connection file '{path}': signature_scheme '{SignatureScheme}' is not supported (use hmac-sha256).");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("control_port", ControlPort), ("hb_port", HeartbeatPort) })
            if (port is <= 0 or > 65535)
                throw new KernelStartException($"Connection file '{path}': {name} is {port}; it must be a port between 1 and 65535.");
    }
}

/// <summary>The kernel cannot start; the message says why and what to do.</summary>
public sealed class KernelStartException(string message) : Exception(message);
