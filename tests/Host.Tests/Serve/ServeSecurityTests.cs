using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary><c>genre serve</c> lets no one in where they don't belong: tokens beyond loopback, no CORS by default.</summary>
public sealed class ServeSecurityTests : IDisposable
{
    private const string Token = "a-long-enough-secret";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music() => _temp.Write("a.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 60, 1)));

    [Fact]
    public void Binding_beyond_loopback_without_a_token_is_refused_at_start()
    {
        var (code, _, error) = GenreProcessTests.RunGenre("serve", "--address", "0.0.0.0", "--port", "0", "--source", "file:" + Music());
        Assert.Equal(1, code);
        Assert.Single(error);
        Assert.Contains("GENRE_SERVE_TOKEN", error[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_token_every_request_needs_it_and_without_it_nothing_leaks()
    {
        using var serve = new ServeProcess(
            ["--address", "0.0.0.0", "--source", "file:" + Music()],
            s => s.Environment["GENRE_SERVE_TOKEN"] = Token);

        foreach (var path in new[] { "/", "/app.js", "/api/now", "/health", "/events", "/nowhere" })
        {
            using var anonymous = await serve.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            var body = await anonymous.Content.ReadAsStringAsync();
            Assert.DoesNotContain("genre\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("source", body, StringComparison.Ordinal);

            using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
            using var refused = await serve.Client.SendAsync(wrong, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var post = await serve.Client.PostAsync("/api/source", new StringContent("""{"source":"mic"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);

        // The right token, as a header or in the query (a browser then keeps it in a cookie).
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/now");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using (var ok = await serve.Client.SendAsync(bearer))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var page = await serve.Client.GetAsync($"/?token={Token}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var cookie = page.Headers.GetValues("Set-Cookie").Single();
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            using var script = new HttpRequestMessage(HttpMethod.Get, "/app.js");
            script.Headers.Add("Cookie", cookie.Split(';')[0]);
            using var withCookie = await serve.Client.SendAsync(script);
            Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        }

        // WebSocket: refused without the token, served with it.
        using (var socket = new ClientWebSocket())
        {
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{serve.Url.Authority}/ws"), CancellationToken.None));
        }

        var events = await EventStream.ReadWebSocket(new Uri($"http://{serve.Url.Authority}/?token={Token}"), 1, TimeSpan.FromSeconds(60), $"?token={Token}");
        Assert.Single(events);
    }

    [Fact]
    public async Task Other_web_pages_get_no_cors_headers_unless_configured()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music()]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/now");
        request.Headers.Add("Origin", "https://elsewhere.example");
        using var response = await serve.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
