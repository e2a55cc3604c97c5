using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GenreStream.TestSupport;

/// <summary>UDP ports for tests: a free one, and waiting until a receiver (oscdump) has bound one, from <c>/proc/net/udp*</c>.</summary>
public static class UdpPorts
{
    /// <summary>A port no socket on loopback holds now.</summary>
    public static int Free()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    /// <summary>Whether some socket on this machine is bound to UDP <paramref name="port"/> (any address, IPv4 or IPv6).</summary>
    public static bool IsBound(int port)
    {
        var hex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            if (File.Exists(table) && File.ReadLines(table).Skip(1).Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var local, ..] && local.EndsWith(hex, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Waits until a receiver has bound <paramref name="port"/>; false after <paramref name="timeout"/>.</summary>
    public static bool WaitUntilBound(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!IsBound(port))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }
}
