using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>
/// Keeps other web pages out of <c>genre serve</c>. A browser lets any page send requests to loopback, so:
/// a <c>Host</c> header that names neither the bound address nor a configured name (<c>Serve:AllowedHosts</c>)
/// is refused, which defeats DNS rebinding (a page whose name was made to point at 127.0.0.1); and a
/// state-changing request (anything but GET, HEAD, OPTIONS) or an upgrade (WebSocket) whose <c>Origin</c> is
/// neither the service's own nor one in <c>Serve:CorsOrigins</c> is refused, which defeats cross-site
/// requests. Each refusal is a 403 and one log line. Requests without <c>Origin</c> (curl, scripts) pass:
/// browsers always send it on the requests that matter here.
/// </summary>
internal sealed partial class RequestGuard(IPAddress bound, IReadOnlyList<string> allowedHosts, IReadOnlyList<string> allowedOrigins, ILogger log)
{
    /// <summary>Whether a request naming <paramref name="host"/> (the <c>Host</c> header without its port; IPv6 in brackets) is for this service.</summary>
    public bool AllowsHost(string host)
    {
        var name = host.TrimEnd('.');
        var everywhere = bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any);
        var loopback = everywhere || IPAddress.IsLoopback(bound);
        if (IPAddress.TryParse(name.Trim('[', ']'), out var ip))
        {
            // An address cannot be rebound: it is one this machine was reached at.
            return everywhere || ip.Equals(bound) || (loopback && IPAddress.IsLoopback(ip));
        }

        return (loopback && (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
            || allowedHosts.Any(h => h.TrimEnd('.').Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a request from a page of <paramref name="origin"/> may change state or open a WebSocket.</summary>
    public bool AllowsOrigin(string origin, HttpRequest request) =>
        origin.Equals($"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
        || allowedOrigins.Any(o => o.TrimEnd('/').Equals(origin, StringComparison.OrdinalIgnoreCase));

    public async Task Check(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (request.Host.HasValue && !AllowsHost(request.Host.Host))
        {
            LogRefused(request.Method, ServeLog.Clip(request.Path), $"Host '{ServeLog.Clip(request.Host.Value)}' is not this service's address or one of Serve:AllowedHosts");
            await Refuse(http, "this service does not answer to that host name (Serve:AllowedHosts)").ConfigureAwait(false);
            return;
        }

        var changes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        // Before the WebSocket middleware, an upgrade is known by its header.
        var upgrade = request.Headers.Upgrade.Count > 0;
        if ((changes || upgrade) && request.Headers.Origin.Count > 0 && !AllowsOrigin(request.Headers.Origin.ToString(), request))
        {
            LogRefused(request.Method, ServeLog.Clip(request.Path), $"Origin '{ServeLog.Clip(request.Headers.Origin.ToString())}' is not this service's page or one of Serve:CorsOrigins");
            await Refuse(http, "requests from other web pages are refused (Serve:CorsOrigins)").ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
    }

    private static Task Refuse(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync($"forbidden: {message}\n");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "refused {Method} {Path}: {Reason}")]
    private partial void LogRefused(string method, string path, string reason);
}
