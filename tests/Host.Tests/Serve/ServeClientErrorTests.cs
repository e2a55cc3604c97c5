using System.Text;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>A client's mistake gets its status and one log line from <c>genre serve</c>, never a stack trace.</summary>
public sealed class ServeClientErrorTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Whether <paramref name="log"/> shows an exception or a stack frame.</summary>
    internal static bool HasStackTrace(string log) =>
        log.Contains("Exception", StringComparison.Ordinal) || log.Contains("   at ", StringComparison.Ordinal) || log.Contains(" fail: ", StringComparison.Ordinal);

    [Fact]
    public async Task Invalid_utf8_a_chunked_body_over_the_limit_and_a_slow_body_get_400_413_and_408_in_one_log_line_each()
    {
        var music = _temp.Write("a.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 60, 1)));
        using var serve = new ServeProcess(["--source", "file:" + music]);
        var url = serve.Url;
        var json = "Content-Type: application/json";

        byte[] utf8 = [.. "{\"source\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        Assert.Equal(400, await RawHttp.Exchange(url, [RawHttp.Head(url, "POST", "/api/source", json, $"Content-Length: {utf8.Length}"), utf8], TimeSpan.Zero, Patience));
        var escaped = "{\"source\":\"\\ud800\"}"u8.ToArray(); // a lone surrogate, valid JSON text
        Assert.Equal(400, await RawHttp.Exchange(url, [RawHttp.Head(url, "POST", "/api/source", json, $"Content-Length: {escaped.Length}"), escaped], TimeSpan.Zero, Patience));

        // Chunked, so the size is only known while reading: past the service's 64 KB for any request.
        var chunk = Encoding.ASCII.GetBytes($"{70_000:x}\r\n{new string('x', 70_000)}\r\n0\r\n\r\n");
        Assert.Equal(413, await RawHttp.Exchange(url, [RawHttp.Head(url, "POST", "/api/source", json, "Transfer-Encoding: chunked"), chunk], TimeSpan.Zero, Patience));

        // One byte of a hundred, then nothing: below Kestrel's minimum body rate once its grace period is over.
        var slow = await RawHttp.Exchange(url, [[.. RawHttp.Head(url, "POST", "/api/source", json, "Content-Length: 100"), .. "{"u8]], TimeSpan.Zero, Patience);
        Assert.Equal(408, slow);

        Assert.True(ServeProcess.WaitUntil(() => serve.LogLines("refused POST") >= 4, Patience), serve.Error);
        Assert.Equal(2, serve.LogLines("refused POST /api/source: 400"));
        Assert.Equal(1, serve.LogLines("refused POST /api/source: 413"));
        Assert.Equal(1, serve.LogLines("refused POST /api/source: 408"));
        Assert.False(HasStackTrace(serve.Error), serve.Error);
        Assert.Equal(0, serve.Stop());
    }
}
