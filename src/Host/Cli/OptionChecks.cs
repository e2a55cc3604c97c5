using System.CommandLine;

namespace GenreStream.Host.Cli;

/// <summary>Range checks on parsed option values that leave values that did not parse at all to the parser's own one-line error.</summary>
internal static class OptionChecks
{
    /// <summary>Adds an error with <paramref name="message"/> when the option's value is given and not <paramref name="valid"/>.</summary>
    public static void Check<T>(this Option<T?> option, Func<T, bool> valid, string message)
        where T : struct
    {
        option.Validators.Add(r =>
        {
            T? value;
            try
            {
                value = r.GetValueOrDefault<T?>();
            }
            catch (InvalidOperationException)
            {
                return; // not a number at all: the parser says so
            }

            if (value is { } v && !valid(v))
            {
                r.AddError(message);
            }
        });
    }
}
