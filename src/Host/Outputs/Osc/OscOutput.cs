using System.Net.Sockets;
using GenreStream.Host.Live;

namespace GenreStream.Host.Outputs.Osc;

/// <summary>
/// Genre events as OSC over UDP (what TouchDesigner, Max/MSP, Resolume and QLab speak):
/// <c>&lt;prefix&gt;/current s f</c> (genre, confidence) when the genre changes,
/// <c>&lt;prefix&gt;/probabilities f×10</c> (smoothed, in the model's genre order) and <c>&lt;prefix&gt;/level f</c> (dBFS) at every step;
/// optionally each step's messages as one bundle.
/// </summary>
internal sealed class OscOutput : EventOutput
{
    private readonly UdpClient _udp;
    private readonly string _prefix;
    private readonly bool _bundle;

    /// <param name="host">Receiver's host name or address.</param>
    /// <param name="port">Receiver's UDP port.</param>
    /// <param name="prefix">Address prefix, e.g. <c>/genre</c>.</param>
    /// <param name="bundle">Send each step's messages as one OSC bundle.</param>
    public OscOutput(string host, int port, string prefix = "/genre", bool bundle = false)
        : base($"osc://{host}:{port}{prefix}")
    {
        _prefix = prefix.TrimEnd('/');
        _bundle = bundle;
        _udp = new UdpClient();
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The OSC messages one event becomes (none for events OSC does not carry).</summary>
    public IReadOnlyList<OscMessage> Messages(LiveEvent e) => e switch
    {
        GenreChanged c => [new OscMessage($"{_prefix}/current", c.To, c.Confidence)],
        GenreUpdate g =>
        [
            new OscMessage($"{_prefix}/probabilities", [.. g.Smoothed.Select(p => (object)p)]),
            new OscMessage($"{_prefix}/level", (float)g.Level),
        ],
        _ => [],
    };

    protected override bool Send(LiveEvent e, CancellationToken cancel)
    {
        var messages = Messages(e);
        if (messages.Count == 0)
        {
            return true;
        }

        try
        {
            if (_bundle)
            {
                var packet = OscEncoder.EncodeBundle(messages);
                _udp.Send(packet, packet.Length, Host, Port);
            }
            else
            {
                foreach (var message in messages)
                {
                    var packet = OscEncoder.Encode(message);
                    _udp.Send(packet, packet.Length, Host, Port);
                }
            }

            return true;
        }
        catch (SocketException)
        {
            // Nobody listening (ICMP port unreachable) or no route: UDP carries on with the next event.
            return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        _udp.Dispose();
        base.Dispose(disposing);
    }
}
