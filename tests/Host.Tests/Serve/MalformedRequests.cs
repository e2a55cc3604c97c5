using System.Text;

namespace GenreStream.Host.Tests.Serve;

/// <summary>One malformed request as bytes on the wire, with what was done to it (enough to rebuild it from its seed and index).</summary>
/// <param name="HangsUp">The client sends it and goes away (its body is incomplete: waiting would only wait for the service's body timeout).</param>
/// <param name="WebSocket">An upgrade followed by frames: the client reads on until the service closes the connection.</param>
internal sealed record MalformedRequest(int Seed, int Index, string Description, byte[] Bytes, bool HangsUp = false, bool WebSocket = false)
{
    public override string ToString() =>
        $"seed {Seed}, request #{Index}: {Description}; first bytes {Encoding.ASCII.GetString(Bytes.AsSpan(0, Math.Min(160, Bytes.Length))).ReplaceLineEndings("⏎")}";
}

/// <summary>
/// A seeded generator of malformed HTTP/1.1 requests for <c>genre serve</c>: bad methods, request lines and
/// targets, broken, duplicated, oversized and conflicting headers, bad framing (Content-Length, chunked),
/// bodies that are not UTF-8 or not JSON or ask for what the API refuses, and WebSocket upgrades followed by
/// broken frames. Request <c>i</c> depends only on (seed, i). None of them is a valid request that would
/// change the service's state: every body it sends to <c>/api/source</c> is one the service must refuse.
/// </summary>
internal static class MalformedRequests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "PROPFIND", "get", "P0ST", "POST ", "G\u00c9T", ""];

    private static readonly string[] Targets =
    [
        "/", "/api/source", "/api/now", "/api/history", "/overlay?bars=1", "/ws", "/events", "/health", "/app.js", "/api/source?token=%zz", "//api//source", "/%00", "/..%2f..%2fetc%2fpasswd",
        "*", "http://attacker.example/api/now", "/api/source#frag", "/%c0%af", "/api/%ff%fe", "api/now", "/?" + new string('q', 300), "/\u00e9",
    ];

    public static IEnumerable<MalformedRequest> Generate(int seed, int count) => Enumerable.Range(0, count).Select(i => Create(seed, i));

    public static MalformedRequest Create(int seed, int index)
    {
        var random = new Random(unchecked((seed * 7919) + index));
        var what = new List<string>();
        var kind = random.Next(10);
        if (kind < 2)
        {
            return WebSocket(seed, index, random);
        }

        var method = Pick(random, Methods);
        if (random.Next(20) == 0)
        {
            method = new string('M', random.Next(100, 10_000));
        }

        var target = random.Next(4) == 0 ? Pick(random, Targets) : "/api/source";
        if (random.Next(30) == 0)
        {
            target = "/" + new string('p', random.Next(1000, 40_000));
        }

        var version = random.Next(12) switch
        {
            0 => "HTTP/1.0",
            1 => "HTTP/2.0",
            2 => "HTTP/9.9",
            3 => string.Empty,
            4 => "HTTP/1.1 extra",
            5 => "http/1.1",
            _ => "HTTP/1.1",
        };
        what.Add($"{Short(method)} {Short(target)} {version}");

        var headers = new List<string> { "Host: 127.0.0.1" };
        var (body, bodyWhat) = Body(random);
        what.Add(bodyWhat);
        headers.Add(random.Next(6) == 0 ? Pick(random, ["Content-Type: text/plain", "Content-Type: application/json; charset=utf-16", "Content-Type: ;;;", "Content-Type: application/json\u0001"]) : "Content-Type: application/json");
        var hangsUp = random.Next(20) == 0;
        var framing = random.Next(10);
        switch (framing)
        {
            case 0:
                headers.Add(Pick(random, ["Content-Length: -1", "Content-Length: abc", "Content-Length: 99999999999999999999", "Content-Length: 1, 2", "Content-Length: 0x10", "Content-Length:"]));
                what.Add("bad Content-Length");
                break;
            case 1:
                headers.Add($"Content-Length: {body.Length}");
                headers.Add($"Content-Length: {body.Length + 1}");
                what.Add("two Content-Lengths");
                break;
            case 2:
                headers.Add($"Content-Length: {body.Length + random.Next(1, 5000)}");
                what.Add("body shorter than declared");
                hangsUp = true;
                break;
            case 3:
            case 4:
                headers.Add(Pick(random, ["Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: chunked, identity", "Transfer-Encoding: xchunked"]));
                if (random.Next(3) == 0)
                {
                    headers.Add($"Content-Length: {body.Length}");
                }

                (body, var incomplete) = Chunked(random, body);
                what.Add("chunked");
                hangsUp |= incomplete;
                break;
            default:
                headers.Add($"Content-Length: {body.Length}");
                break;
        }

        for (var n = random.Next(4); n > 0; n--)
        {
            var (header, headerWhat) = Header(random);
            headers.Insert(random.Next(headers.Count + 1), header);
            what.Add(headerWhat);
        }

        if (random.Next(15) == 0)
        {
            headers.RemoveAll(h => h.StartsWith("Host:", StringComparison.Ordinal));
            what.Add("no Host");
        }

        var newline = random.Next(15) == 0 ? "\n" : "\r\n";
        var head = $"{method} {target}{(version.Length > 0 ? " " + version : string.Empty)}{newline}{string.Concat(headers.Select(h => h + newline))}{newline}";
        if (random.Next(25) == 0)
        {
            head = "\r\n\r\n" + head;
            what.Add("blank lines first");
        }

        if (hangsUp)
        {
            what.Add("client hangs up");
        }

        return new MalformedRequest(seed, index, string.Join("; ", what), [.. Latin1(head), .. body], HangsUp: hangsUp);
    }

    /// <summary>A body <c>POST /api/source</c> must refuse: not UTF-8, not JSON, or asking for what the API does not allow.</summary>
    private static (byte[] Body, string What) Body(Random random)
    {
        switch (random.Next(15))
        {
            case 0:
                return (Bytes(random, random.Next(0, 3000)), "random bytes");
            case 1:
                return ([.. "{\"source\":\""u8, .. Bytes(random, random.Next(1, 20)), 0xC0, 0xAF, .. "\"}"u8], "invalid UTF-8 in the string");
            case 2:
                return ("{\"source\":\"mon"u8.ToArray(), "truncated JSON");
            case 3:
                return (Encoding.UTF8.GetBytes($"{{\"source\":{Pick(random, ["1", "null", "[]", "{}", "true", "1e999", "\"\"", "\"   \""])}}}"), "source not a usable string");
            case 4:
                return (Json($"file:{Pick(random, ["/etc/passwd", "/proc/self/environ", "/dev/zero", "/tmp", "../../etc/shadow", "relative.wav", "/nonexistent/" + random.Next()])}"), "a file (no media folders)");
            case 5:
                return (Json("-"), "standard input");
            case 6:
                return (Json("mic\u0001\n" + random.Next()), "control characters");
            case 7:
                return (Json(new string('d', random.Next(1025, 3500))), "source too long");
            case 8:
                var depth = random.Next(10, 2000);
                return (Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)), "deep nesting");
            case 9:
                return ("{\"source\":\"\\ud800\\udc00\\ud800\"}"u8.ToArray(), "lone surrogate");
            case 10:
                return ([0xEF, 0xBB, 0xBF, .. Json("file:/etc/passwd")], "byte order mark");
            case 11:
                return ([.. Json("file:/etc/hosts"), .. " trailing"u8], "trailing garbage");
            case 12:
                return ("{\"source\":\"file:/etc/hosts\",\"source\":{\"x\":1}}"u8.ToArray(), "duplicate keys");
            case 13:
                return (Encoding.Unicode.GetBytes("{\"source\":\"mic\"}"), "UTF-16");
            default:
                return ([], "empty body");
        }
    }

    private static (string Header, string What) Header(Random random) => random.Next(16) switch
    {
        0 => ("Host: attacker.example", "foreign Host"),
        1 => ("Host: a b", "bad Host"),
        2 => ("Origin: " + Pick(random, ["https://evil.example", "null", "http://127.0.0.1", "x"]), "Origin"),
        3 => ("NoColonHere", "header without colon"),
        4 => ("Bad Name: x", "space in name"),
        5 => ("X-Folded: a\r\n continued", "obs-fold"),
        6 => ("X-Control: a\u0000b\u007f", "control bytes"),
        7 => ("X-Latin: \u00ff\u00fe\u00e9", "non-ASCII bytes"),
        8 => ("X-Big: " + new string('b', random.Next(5000, 40_000)), "huge header"),
        9 => (string.Join("\r\n", Enumerable.Range(0, random.Next(50, 150)).Select(i => $"X-Many-{i}: {i}")), "many headers"),
        10 => ("Expect: 100-continue", "Expect"),
        11 => ("Connection: Upgrade\r\nUpgrade: " + Pick(random, ["websocket", "h2c", "x"]), "Upgrade"),
        12 => ("Authorization: Bearer " + new string('t', random.Next(1, 500)), "bearer"),
        13 => ("Content-Encoding: " + Pick(random, ["gzip", "br", "x"]), "Content-Encoding"),
        14 => ("Cookie: genre_token=" + new string('c', random.Next(1, 300)), "cookie"),
        _ => (" Leading: space", "leading space"),
    };

    /// <summary>A WebSocket upgrade (sometimes broken) followed by frames that break the protocol in some way.</summary>
    private static MalformedRequest WebSocket(int seed, int index, Random random)
    {
        var key = Convert.ToBase64String(Bytes(random, 16));
        var version = random.Next(6) == 0 ? Pick(random, ["8", "x", string.Empty]) : "13";
        if (random.Next(8) == 0)
        {
            key = Pick(random, ["", "short", "!!!!"]);
        }

        var head = $"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: {version}\r\n"
            + (random.Next(6) == 0 ? "Origin: https://evil.example\r\n" : string.Empty) + "\r\n";
        var frames = new List<byte>();
        var what = new List<string> { $"WebSocket (version '{version}', key '{key}')" };
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var (frame, frameWhat) = Frame(random);
            frames.AddRange(frame);
            what.Add(frameWhat);
        }

        return new MalformedRequest(seed, index, string.Join("; ", what), [.. Latin1(head), .. frames], WebSocket: true);
    }

    private static (byte[] Frame, string What) Frame(Random random)
    {
        var first = (byte)random.Next(256); // FIN, RSV bits and opcode, any of them
        var masked = random.Next(5) != 0;
        var payload = Bytes(random, random.Next(0, 300));
        var frame = new List<byte> { first };
        var declared = random.Next(6) switch
        {
            0 => (long)random.Next(126, 70_000),
            1 => long.MaxValue - random.Next(100),
            _ => payload.Length,
        };
        var mask = masked ? 0x80 : 0;
        if (declared < 126)
        {
            frame.Add((byte)(mask | (int)declared));
        }
        else if (declared <= ushort.MaxValue)
        {
            frame.Add((byte)(mask | 126));
            frame.Add((byte)(declared >> 8));
            frame.Add((byte)declared);
        }
        else
        {
            frame.Add((byte)(mask | 127));
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                frame.Add((byte)(declared >> shift));
            }
        }

        if (masked)
        {
            frame.AddRange(Bytes(random, 4));
        }

        frame.AddRange(payload);
        return ([.. frame], $"frame 0x{first:x2} {(masked ? "masked" : "unmasked")} declaring {declared} bytes, {payload.Length} sent");
    }

    /// <summary>The body as one chunk with a good or bad size line; incomplete when the size says more than is sent.</summary>
    private static (byte[] Body, bool Incomplete) Chunked(Random random, byte[] body)
    {
        var choice = random.Next(5);
        var size = choice switch
        {
            0 => "zz",
            1 => "ffffffffffffffffff",
            2 => $"{body.Length:x};ext=\"x\"",
            3 => $"{body.Length + 10:x}",
            _ => $"{body.Length:x}",
        };
        return ([.. Encoding.ASCII.GetBytes(size + "\r\n"), .. body, .. "\r\n0\r\n\r\n"u8], choice == 3);
    }

    private static byte[] Json(string source) => Encoding.UTF8.GetBytes($"{{\"source\":{System.Text.Json.JsonSerializer.Serialize(source)}}}");

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Each character as one byte: lets a request carry bytes a text encoder would fix.</summary>
    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Short(string text) => text.Length > 40 ? $"{text[..20]}…({text.Length})" : text;
}
