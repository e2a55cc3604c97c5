namespace GenreStream.Streaming.Sources;

/// <summary>Adds <c>RawSampleFormat.Parse(string)</c> for command-line and configuration values.</summary>
public static class RawSampleFormatParsing
{
    extension(RawSampleFormat)
    {
        /// <summary>Parses "s16le" or "f32le", ignoring case.</summary>
        /// <exception cref="AudioFormatException">Any other value; the message lists the valid ones.</exception>
        public static RawSampleFormat Parse(string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            return value.Trim().ToUpperInvariant() switch
            {
                "S16LE" => RawSampleFormat.S16LE,
                "F32LE" => RawSampleFormat.F32LE,
                _ => throw new AudioFormatException($"unknown raw sample format '{value}'; valid: s16le, f32le"),
            };
        }
    }
}
