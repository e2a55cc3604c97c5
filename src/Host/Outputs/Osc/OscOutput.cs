using System.Net;
using System.Net.Sockets;
using GenreStream.Host.Live;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Outputs.Osc;

/// <summary>
/// Genre events as OSC over UDP (what TouchDesigner, Max/MSP, Resolume, QLC+ and QLab speak):
/// <c>&lt;prefix&gt;/current s f</c> (genre, confidence) when the genre changes; at every step
/// <c>&lt;prefix&gt;/probabilities f×10</c> (smoothed, in the model's genre order), <c>&lt;prefix&gt;/&lt;genre&gt; f</c> (each
/// smoothed probability on its own address, 0–1), <c>&lt;prefix&gt;/index i</c> (the settled genre's position, -1 for
/// unknown or silence), <c>&lt;prefix&gt;/current s</c> (the settled genre, <c>unknown</c> or <c>silence</c>),
/// <c>&lt;prefix&gt;/music i</c> (1 or 0), <c>&lt;prefix&gt;/level f</c> (0–1: <see cref="LevelFloorDecibels"/>..0 dBFS),
/// <c>&lt;prefix&gt;/level_db f</c> (dBFS) and <c>&lt;prefix&gt;/status s</c>; optionally each step's messages as one bundle. The host is resolved once, on the output's thread, and the
/// socket made for its address family (IPv4 or IPv6: <c>--osc [::1]:9000</c>).
/// </summary>
internal sealed class OscOutput : EventOutput
{
    /// <summary>The level that <c>/level</c> maps to 0 (0 dBFS maps to 1; linear in dB between, clamped).</summary>
    public const double LevelFloorDecibels = -60;

    private readonly string _prefix;
    private readonly bool _bundle;
    private IReadOnlyList<string>? _labels;
    private string[] _genreAddresses = [];
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
        GenreUpdate g => Step(g),
        _ => [],
    };

    /// <summary>The level in dBFS as 0–1 for faders and opacity: <see cref="LevelFloorDecibels"/> and below → 0, 0 dBFS and above → 1.</summary>
    public static float LevelScaled(double decibels) =>
        double.IsNaN(decibels) ? 0 : (float)Math.Clamp((decibels - LevelFloorDecibels) / -LevelFloorDecibels, 0, 1);

    private List<OscMessage> Step(GenreUpdate g)
    {
        var state = g.SettledState;
        var index = -1;
        for (var k = 0; k < g.Labels.Count; k++)
        {
            index = g.Labels[k] == state ? k : index;
        }

        var messages = new List<OscMessage>(g.Labels.Count + 8)
        {
            new($"{_prefix}/probabilities", [.. g.Smoothed.Select(p => (object)p)]),
            new($"{_prefix}/level", LevelScaled(g.Level)),
            new($"{_prefix}/status", g.Status.Name()),
        };
        var addresses = GenreAddresses(g.Labels);
        for (var k = 0; k < g.Labels.Count; k++)
        {
            messages.Add(new(addresses[k], g.Smoothed[k]));
        }

        messages.Add(new($"{_prefix}/index", index));
        messages.Add(new($"{_prefix}/current", state));
        messages.Add(new($"{_prefix}/music", g.MusicPlaying ? 1 : 0));
        messages.Add(new($"{_prefix}/level_db", (float)g.Level));
        return messages;
    }

    /// <summary><c>&lt;prefix&gt;/&lt;genre&gt;</c> per label, made once per model: characters OSC reserves in addresses (space # * , / ? [ ] { }) become '_'.</summary>
    private string[] GenreAddresses(IReadOnlyList<string> labels)
    {
        if (!ReferenceEquals(labels, _labels))
        {
            _genreAddresses = [.. labels.Select(l => $"{_prefix}/{string.Concat(l.Select(c => c is ' ' or '#' or '*' or ',' or '/' or '?' or '[' or ']' or '{' or '}' ? '_' : c))}")];
            _labels = labels;
        }

        return _genreAddresses;
    }

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
