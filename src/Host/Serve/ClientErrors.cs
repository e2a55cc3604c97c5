using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>
/// A client's mistake is the client's: a body over the limit (413), one sent too slowly (408) or otherwise
/// malformed gets its status and one log line, and a client that goes away mid-request gets nothing; none
/// of them is logged as the service's own failure with a stack trace.
/// </summary>
internal sealed class ClientErrors(ILogger log)
{
    public async Task Check(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            log.Refused(http.Request.Method, ServeLog.Clip(http.Request.Path), e.StatusCode, ServeLog.Clip(e.Message));
            if (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                http.Response.StatusCode = e.StatusCode;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await Answer(http, e.Message).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing to answer, nothing to report.
        }
    }

    private static async Task Answer(HttpContext http, string message)
    {
        try
        {
            await http.Response.WriteAsync($"{message}\n", http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The connection closed first (Kestrel closes it after a body it refused).
        }
    }
}
