using System.Diagnostics;
using GenreStream.Capture.Wasapi;
using GenreStream.Streaming.Sources;

namespace GenreStream.NAudio.Tests;

/// <summary>How <c>app:&lt;name or pid&gt;</c> finds its process (the part of Windows process loopback that runs anywhere).</summary>
public class ProcessTargetTests
{
    [Fact]
    public void A_running_process_id_is_taken_as_it_is()
    {
        Assert.Equal((uint)Environment.ProcessId, ProcessTarget.Resolve(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_name_finds_the_longest_running_process_of_that_name_in_any_case_with_or_without_exe()
    {
        using var first = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        Thread.Sleep(50); // two distinct start times (the clock's resolution is 10 ms on Linux)
        using var second = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var oldest = Process.GetProcessesByName("sleep").OrderBy(p => p.StartTime).First().Id;
            Assert.Equal((uint)oldest, ProcessTarget.Resolve("SLEEP"));
            Assert.Equal((uint)oldest, ProcessTarget.Resolve("sleep.exe"));
            Assert.True(oldest != second.Id, "the later process was taken");
        }
        finally
        {
            first.Kill();
            second.Kill();
        }
    }

    [Theory]
    [InlineData("no-such-application-here", "no running application is called 'no-such-application-here'; start it first, or give its process id (app:<pid>)")]
    [InlineData("4000000000", "no running process has id 4000000000; name the application (app:<name>) or give a running process id")]
    public void A_missing_application_is_named_in_one_line(string nameOrId, string message)
    {
        var error = Assert.Throws<AudioFormatException>(() => ProcessTarget.Resolve(nameOrId));

        Assert.Equal(message, error.Message);
    }
}
