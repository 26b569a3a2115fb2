namespace Course.Kernel.Transport;

/// <summary>The Jupyter sockets a message travels on (heartbeat carries no messages).</summary>
internal enum Channel { Shell, Control, Stdin, IoPub }
