using System.Diagnostics;
using System.Globalization;
using GenreStream.Streaming.Sources;

namespace GenreStream.Capture.Wasapi;

/// <summary>
/// The process an <c>app:&lt;name or pid&gt;</c> source means: a number is a process id that must be running; a name
/// (with or without <c>.exe</c>, any case) is the longest-running process of that name, since a browser or player starts
/// its helpers after its main process and process loopback takes the main one's whole tree.
/// </summary>
public static class ProcessTarget
{
    /// <exception cref="AudioFormatException">No such process is running (the message names it).</exception>
    public static uint Resolve(string nameOrId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrId);
        if (uint.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            try
            {
                using var process = Process.GetProcessById((int)id);
                return id;
            }
            catch (ArgumentException)
            {
                throw new AudioFormatException($"no running process has id {id}; name the application (app:<name>) or give a running process id");
            }
        }

        var name = nameOrId.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? nameOrId[..^4] : nameOrId;
        var matches = Process.GetProcesses().Where(p => string.Equals(p.ProcessName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        try
        {
            var oldest = matches.OrderBy(StartTicks).FirstOrDefault()
                ?? throw new AudioFormatException($"no running application is called '{name}'; start it first, or give its process id (app:<pid>)");
            return (uint)oldest.Id;
        }
        finally
        {
            matches.ForEach(p => p.Dispose());
        }
    }

    private static long StartTicks(Process process)
    {
        try
        {
            return process.StartTime.Ticks;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return long.MaxValue; // exited meanwhile, or not ours to inspect: last choice
        }
    }
}
