using System.CommandLine;
using System.Net;
using GenreStream.Host.Notifications;
using GenreStream.Host.Outputs;
using GenreStream.Host.Serve;
using GenreStream.Host.Settings;
using GenreStream.Streaming.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace GenreStream.Host.Cli;

/// <summary>
/// <c>genre serve</c>: the live pipeline as a long-running service with a web page, Server-Sent Events,
/// WebSocket and a small JSON API; runs as a systemd user unit.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int?>("--port", "-p")
        {
            Description = $"TCP port to serve on (0: any free port, printed at start). Default: {GenreSettings.DefaultPort}, or Serve:Port in settings.",
            HelpName = "n",
        };
        port.Check(n => n is >= 0 and <= 65535, "--port must be from 0 to 65535");
        var address = new Option<string?>("--address")
        {
            Description = "Address to bind to. Default: 127.0.0.1 (this machine only), or Serve:Address in settings.",
        };
        var source = SourceOption.CreateStreams(
            "What to listen to, as in 'genre listen' (monitor, mic, a device name, app:<name or pid> on Windows, file:<path>, '-'), or an http(s):// stream URL (internet radio, decoded by ffmpeg, reconnected with back-off). " +
            "Repeat as --source name=<source> to classify several streams at once, each with its own state, events (\"stream\": name), /api/streams/<name>, page (/?stream=<name>), MQTT device and OSC addresses; names are lower-case letters, digits, '_' and '-'. " +
            "Each stream can be switched at run time with POST /api/source. Default: Serve:Sources in settings (items name=<source>), else Listen:Source, else monitor.");
        var server = new Option<string?>("--server") { Description = "PulseAudio/PipeWire server address for live sources.", HelpName = "address" };
        var maxClients = new Option<int?>("--max-clients") { Description = "Most SSE and WebSocket clients served at once; more are refused with 503. Default: 100, or Serve:MaxClients.", HelpName = "n" };
        maxClients.Check(n => n is >= 1 and <= 100_000, "--max-clients must be from 1 to 100000");
        var notify = new Option<bool>("--notify") { Description = "Show a desktop notification when the genre changes: one notification, replaced in place (D-Bus org.freedesktop.Notifications on the session bus)." };
        var tray = new Option<bool>("--tray")
        {
            Description = "Also show a tray icon (StatusNotifierItem on the session D-Bus) whose colour, letter and tooltip follow the genre; its menu opens the live page, pauses, switches source and preset, or stops the service. Without a tray host the service runs on and says so in one line.",
        };
        var common = new CommonOptions();
        var tracking = new TrackingOptionsCli();
        var outputs = new OutputOptionsCli();
        var command = new Command(
            "serve",
            "Run as a service: classify continuously and serve a live web page (GET /), Server-Sent Events (GET /events), WebSocket (GET /ws), the latest state (GET /api/now), the last 30 minutes (GET /api/history), a transparent overlay for OBS (GET /overlay, ?bars=1 for the bars), source switching (POST /api/source {\"source\":…}) and GET /health. Settings in config/settings.json are re-read when the file changes.")
        {
            port, address, source, server, maxClients, notify, tray,
        };
        common.AddTo(command);
        tracking.AddTo(command);
        outputs.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var setup = common.Resolve(parse, context);
            if (setup is null)
            {
                return ExitCodes.SetupFailed;
            }

            var settings = setup.Settings;
            var bind = parse.GetValue(address) ?? settings.Address;
            if (!IPAddress.TryParse(bind == "localhost" ? "127.0.0.1" : bind, out var ip))
            {
                context.Error.WriteLine($"genre serve: --address '{bind}' must be an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
                return ExitCodes.Usage;
            }

            if (ip.IsIPv4MappedToIPv6)
            {
                context.Error.WriteLine($"genre serve: --address '{bind}' is an IPv4 address written as IPv6, which cannot be bound: use {ip.MapToIPv4()}");
                return ExitCodes.Usage;
            }

            if (!IPAddress.IsLoopback(ip) && settings.Token is null)
            {
                context.Error.WriteLine($"genre serve: serving on {bind} lets other machines in: set a token first (Serve:Token in settings or the environment variable {AccessToken.Variable}, 8 characters or more)");
                return ExitCodes.SetupFailed;
            }

            var given = parse.GetValue(source) ?? [];
            if (given.Any(s => s.Source.Kind == SourceKind.StandardInput) && !common.HasRawFormat(parse))
            {
                context.Error.WriteLine("genre serve: --source - (raw PCM on standard input) needs --format s16le|f32le, --rate N and --channels N");
                return ExitCodes.Usage;
            }

            setup = setup with { Tracking = tracking.Apply(parse, setup.Tracking) };
            var destinations = outputs.Apply(parse, settings.Outputs);
            var problems = OutputFactory.Validate(destinations);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    context.Error.WriteLine($"genre serve: {problem}");
                }

                return ExitCodes.Usage;
            }

            var run = new ServeRun(
                destinations,
                setup,
                given.Length > 0 ? given : settings.Sources.Count > 0 ? [.. settings.Sources] : [new ServedStream(ServedStream.DefaultName, settings.Source, Named: false)],
                parse.GetValue(server),
                new IPEndPoint(ip, parse.GetValue(port) ?? settings.Port),
                parse.GetValue(maxClients) ?? settings.MaxClients,
                parse.GetValue(notify),
                parse.GetValue(tray),
                SourceFixed: given.Length > 0 || settings.Sources.Count > 0,
                ReTrack: t => tracking.Apply(parse, t));
            return await Serve(run, context, cancel).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> Serve(ServeRun run, CliContext context, CancellationToken cancel)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = context.ConfigDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        // A failure to bind is said in one line below; the host's own report of it is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSystemd();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(run.EndPoint);
            k.Limits.MaxRequestBodySize = 64 * 1024;
            k.AddServerHeader = false;
        });
        ILogger? outputLog = null;
        void Report(string message)
        {
            if (outputLog is null)
            {
                context.Error.WriteLine($"genre serve: {message}");
            }
            else
            {
                outputLog.OutputReport(message);
            }
        }

        // One unnamed source: every output as for a single stream. Named streams: JSON lines shared (each event says its
        // stream), and per stream its own MQTT device and topics and its own OSC addresses, so a slow broker for one is its alone.
        var options = run.Outputs with { MqttConfigurationUrl = PageUrl(run.EndPoint) };
        var single = run.Streams is [{ Named: false }];
        var perStream = new Dictionary<string, EventOutputs>(StringComparer.Ordinal);
        using var shared = run.Outputs.IsEmpty
            ? EventOutputs.None
            : OutputFactory.Start(single ? options : options with { Osc = [], Mqtt = [] }, Console.OpenStandardOutput, Report, genres: run.Setup.Model.Labels);
        if (!single && (options.Osc.Count > 0 || options.Mqtt.Count > 0))
        {
            foreach (var stream in run.Streams)
            {
                // The device's "Visit" link opens the stream's own page.
                var streamPage = options.MqttConfigurationUrl is { } url ? $"{url}?stream={stream.Name}" : null;
                perStream[stream.Name] = OutputFactory.Start(options with { JsonLines = [], Stream = stream.Name, MqttConfigurationUrl = streamPage }, Console.OpenStandardOutput, Report, genres: run.Setup.Model.Labels);
            }
        }

        using var streamOutputs = new System.Reactive.Disposables.CompositeDisposable(perStream.Values);
        var outputs = new EventOutputs([.. shared.All, .. perStream.Values.SelectMany(o => o.All)]); // for the figures of /api/now and the summary
        using var hub = new LiveHub(run.Streams, run.Setup.Tracking, run.MaxClients, TimeProvider.System, outputs);
        builder.Services.AddSingleton(hub);
        var origins = run.Setup.Settings.CorsOrigins;
        if (origins.Count > 0)
        {
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins([.. origins]).WithMethods("GET", "POST").AllowAnyHeader()));
        }

        builder.Services.AddSingleton(TimeProvider.System);
        ILogger? notifyLog = null;
        using var notifier = run.Notify ? new DesktopNotifier(message => (notifyLog ?? NullLogger.Instance).NotificationReport(message)) : null;
        using var systemd = SystemdStatus.FromEnvironment(TimeProvider.System);
        var live = run.Setup.Live(context);
        foreach (var stream in run.Streams)
        {
            var first = stream == run.Streams[0];
            IReadOnlyList<EventOutputs> to = perStream.TryGetValue(stream.Name, out var own) ? [shared, own] : [shared];
            builder.Services.AddSingleton<IHostedService>(s => new ListenerService(
                hub,
                stream.Name,
                live,
                run.Server,
                TimeProvider.System,
                s.GetRequiredService<ILogger<ListenerService>>(),
                first ? notifier : null,
                to,
                first ? systemd : null));
        }

        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var access = loggers.CreateLogger("genre.access");
        app.Use(new ClientErrors(access).Check);
        app.Use(new RequestGuard(run.EndPoint.Address, run.Setup.Settings.AllowedHosts, origins, access).Check);
        if (run.Setup.Settings.Token is { } token)
        {
            app.Use(new AccessToken(token).Check);
        }

        if (origins.Count > 0)
        {
            app.UseCors();
        }

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        WebEndpoints.Map(app, hub, new MediaFolders(run.Setup.Settings.MediaFolders), access);
        var log = loggers.CreateLogger("genre.serve");
        notifyLog = loggers.CreateLogger("genre.notify");
        outputLog = loggers.CreateLogger("genre.outputs");
        using var watch = WatchSettings(context.ConfigDirectory, run, hub, log);

        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            context.Error.WriteLine($"genre serve: cannot listen on {run.EndPoint}: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.CannotListen;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? run.EndPoint.ToString();
        context.Out.WriteLine(single
            ? $"genre serve: listening on {bound} (source: {hub.Source.Shown})"
            : $"genre serve: listening on {bound} ({run.Streams.Count} stream{(run.Streams.Count == 1 ? string.Empty : "s")}: {string.Join(", ", run.Streams.Select(x => $"{x.Name}={ServeLog.Clip(x.Source.Shown, 80)}"))})");
        context.Out.Flush();
        if (!IPAddress.IsLoopback(run.EndPoint.Address))
        {
            context.Error.WriteLine($"genre serve: warning: serving on {bound}, which other machines can reach");
        }

        // The page as this machine's browser reaches it (a service bound to every address answers on loopback too).
        var page = new Uri(bound.Replace("//0.0.0.0:", "//127.0.0.1:", StringComparison.Ordinal).Replace("//[::]:", "//[::1]:", StringComparison.Ordinal) + "/");
        using var icon = run.Tray ? await ServeTray.StartAsync(hub, page, run.Server, app.Lifetime.StopApplication, context.Error).ConfigureAwait(false) : null;

        try
        {
            await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: a normal stop.
        }

        hub.CompleteAll();
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        outputs.Complete(TimeSpan.FromSeconds(3)); // every output, shared and per stream
        foreach (var line in OutputFactory.Summaries(outputs))
        {
            outputLog.OutputReport(line);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The live page's address for other machines (Home Assistant's link to the device): the host name when bound to every
    /// interface; null with port 0, whose port is chosen only when the server starts.
    /// </summary>
    private static string? PageUrl(IPEndPoint endPoint)
    {
        if (endPoint.Port == 0)
        {
            return null;
        }

        var host = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any)
            ? System.Net.Dns.GetHostName()
            : endPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]" : endPoint.Address.ToString();
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://{host}:{endPoint.Port}/");
    }

    /// <summary>Re-reads settings.json when it changes and applies what is safe at run time (tracking options; the source unless --source fixed it).</summary>
    private static IDisposable WatchSettings(string configDirectory, ServeRun run, LiveHub hub, ILogger log)
    {
        var configuration = GenreSettings.Build(configDirectory, reloadOnChange: true);
        var before = run.Setup.Settings;
        string? rejected = null;
        return ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            GenreSettings next;
            try
            {
                next = GenreSettings.From(configuration, configDirectory);
            }
            catch (SettingsException e)
            {
                // One save can signal several changes: say each problem once, not once per signal.
                if (e.Message != rejected)
                {
                    log.SettingsRejected(e.Message);
                }

                rejected = e.Message;
                return;
            }

            rejected = null;

            if (hub.ApplyTracking(run.ReTrack(next.Tracking)))
            {
                log.TrackingReloaded();
            }

            if (!run.SourceFixed && next.Source != before.Source)
            {
                log.SourceReloaded(next.Source);
                hub.SwitchSource(next.Source);
            }

            if (next.Port != before.Port || next.Address != before.Address || next.ModelPath != before.ModelPath
                || !next.AllowedHosts.SequenceEqual(before.AllowedHosts) || !next.CorsOrigins.SequenceEqual(before.CorsOrigins) || !next.MediaFolders.SequenceEqual(before.MediaFolders)
                || !next.Sources.SequenceEqual(before.Sources))
            {
                log.RestartNeeded();
            }

            before = next;
        });
    }

    private sealed record ServeRun(
        OutputOptions Outputs,
        CommonOptions.Resolved Setup,
        IReadOnlyList<ServedStream> Streams,
        string? Server,
        IPEndPoint EndPoint,
        int MaxClients,
        bool Notify,
        bool Tray,
        bool SourceFixed,
        Func<Streaming.Tracking.TrackingOptions, Streaming.Tracking.TrackingOptions> ReTrack);
}
