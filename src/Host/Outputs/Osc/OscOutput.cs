using System.Net;
using System.Net.Sockets;
using GenreStream.Host.Live;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Outputs.Osc;

/// <summary>
/// Genre events as OSC over UDP (what TouchDesigner, Max/MSP, Resolume and QLab speak):
/// <c>&lt;prefix&gt;/current s f</c> (genre, confidence) when the genre changes,
/// <c>&lt;prefix&gt;/probabilities f×10</c> (smoothed, in the model's genre order) and <c>&lt;prefix&gt;/level f</c> (dBFS) at every step;
/// optionally each step's messages as one bundle. The host is resolved once, on the output's thread, and the
/// socket made for its address family (IPv4 or IPv6: <c>--osc [::1]:9000</c>).
/// </summary>
internal sealed class OscOutput : EventOutput
{
    private readonly string _prefix;
    private readonly bool _bundle;
    private UdpClient? _udp;
    private IPEndPoint? _endPoint;
    private string? _lastProblem;

    /// <param name="host">Receiver's host name or address.</param>
    /// <param name="port">Receiver's UDP port.</param>
    /// <param name="prefix">Address prefix, e.g. <c>/genre</c>.</param>
    /// <param name="bundle">Send each step's messages as one OSC bundle.</param>
    public OscOutput(string host, int port, string prefix = "/genre", bool bundle = false)
        : base(host.Contains(':', StringComparison.Ordinal) ? $"osc://[{host}]:{port}{prefix}" : $"osc://{host}:{port}{prefix}")
    {
        _prefix = prefix.TrimEnd('/');
        _bundle = bundle;
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
            new OscMessage($"{_prefix}/status", g.Status.Name()),
        ],
        _ => [],
    };

    protected override bool Carries(LiveEvent e) => e is GenreChanged or GenreUpdate;

    protected override void Open(CancellationToken cancel) => Connect();

    protected override bool Send(LiveEvent e, CancellationToken cancel)
    {
        var messages = Messages(e);
        if (messages.Count == 0)
        {
            return false;
        }

        try
        {
            if (_udp is null && !Connect())
            {
                return false;
            }

            if (_bundle)
            {
                _udp!.Send(OscEncoder.EncodeBundle(messages), _endPoint);
            }
            else
            {
                foreach (var message in messages)
                {
                    _udp!.Send(OscEncoder.Encode(message), _endPoint);
                }
            }

            _lastProblem = null;
            return true;
        }
        catch (SocketException ex)
        {
            // Nobody listening (ICMP port unreachable) or no route: UDP carries on with the next event.
            Say(ex.Message);
            return false;
        }
    }

    /// <summary>Resolves the host and makes a socket of its address family; false (said once) when it cannot.</summary>
    private bool Connect()
    {
        try
        {
            var address = IPAddress.TryParse(Host, out var literal) ? literal : Dns.GetHostAddresses(Host).FirstOrDefault()
                ?? throw new SocketException((int)SocketError.HostNotFound);
            _endPoint = new IPEndPoint(address, Port);
            _udp = new UdpClient(address.AddressFamily);
            return true;
        }
        catch (SocketException ex)
        {
            Say($"cannot resolve {Host}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Reports a problem once, until something is sent again.</summary>
    private void Say(string problem)
    {
        if (problem != _lastProblem)
        {
            _lastProblem = problem;
            Report?.Invoke($"{Name}: {problem.ReplaceLineEndings(" ")} (counted as not delivered)");
        }
    }

    protected override void Dispose(bool disposing)
    {
        _udp?.Dispose();
        base.Dispose(disposing);
    }
}
