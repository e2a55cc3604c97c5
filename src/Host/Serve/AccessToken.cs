using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GenreStream.Host.Serve;

/// <summary>
/// The shared secret <c>genre serve</c> asks for (required when it binds beyond loopback): on every HTTP,
/// SSE and WebSocket request, as <c>Authorization: Bearer &lt;token&gt;</c>, <c>?token=&lt;token&gt;</c>, or the
/// cookie set when the page was opened with <c>?token=</c>. Compared in constant time.
/// </summary>
internal sealed class AccessToken
{
    /// <summary>The environment variable that may hold the token (besides <c>Serve:Token</c> in settings).</summary>
    public const string Variable = "GENRE_SERVE_TOKEN";

    /// <summary>The cookie a browser keeps the token in after opening <c>/?token=…</c>.</summary>
    public const string Cookie = "genre_token";

    private readonly byte[] _hash;

    public AccessToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _hash = Hash(token);
    }

    /// <summary>Whether <paramref name="request"/> carries the token.</summary>
    public bool Allows(HttpRequest request)
    {
        var given = BearerOf(request.Headers.Authorization.ToString())
            ?? request.Query["token"].FirstOrDefault()
            ?? request.Cookies[Cookie];
        return given is not null && CryptographicOperations.FixedTimeEquals(Hash(given), _hash);
    }

    /// <summary>Checks every request: 401 and nothing else for a request without the token; a browser that brought it in the query keeps it in a cookie.</summary>
    public async Task Check(HttpContext http, RequestDelegate next)
    {
        if (!Allows(http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("unauthorized: send the service's token (Authorization: Bearer <token>, or ?token=<token>)\n").ConfigureAwait(false);
            return;
        }

        if (http.Request.Query["token"].FirstOrDefault() is { } token && http.Request.Cookies[Cookie] != token)
        {
            http.Response.Cookies.Append(Cookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }

        await next(http).ConfigureAwait(false);
    }

    private static string? BearerOf(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
