namespace GenreStream.TestSupport;

/// <summary>
/// A generated music library for folder runs: short excerpts of GTZAN clips (2 s, cut with ffmpeg) in wav, flac,
/// ogg, mp3 and m4a, copied into several sub-folders to reach the size asked for; some with the wrong extension
/// (an ogg named <c>.txt</c>, a flac named <c>.dat</c>), some damaged (<see cref="DamagedAudio"/>, named <c>.wav</c>),
/// and files that are not audio (notes, a cover picture, a playlist) which a scan must pass over.
/// </summary>
public sealed class AudioLibrary
{
    /// <summary>The formats the excerpts are encoded in, with ffmpeg's codec arguments.</summary>
    private static readonly (string Extension, string[] Codec)[] Formats =
    [
        (".wav", ["-c:a", "pcm_s16le"]),
        (".flac", ["-c:a", "flac"]),
        (".ogg", ["-c:a", "libvorbis"]),
        (".mp3", ["-c:a", "libmp3lame"]),
        (".m4a", ["-c:a", "aac"]),
    ];

    private AudioLibrary(string root, IReadOnlyList<string> audio, IReadOnlyList<string> damaged, IReadOnlyList<string> notAudio)
    {
        Root = root;
        Audio = audio;
        Damaged = damaged;
        NotAudio = notAudio;
    }

    /// <summary>The library's folder.</summary>
    public string Root { get; }

    /// <summary>Every file a scan must find (good and damaged audio), sorted by ordinal path.</summary>
    public IReadOnlyList<string> Audio { get; }

    /// <summary>The damaged files among <see cref="Audio"/>.</summary>
    public IReadOnlyList<string> Damaged { get; }

    /// <summary>Files that are not audio.</summary>
    public IReadOnlyList<string> NotAudio { get; }

    /// <summary>
    /// Builds a library in <paramref name="root"/> of about <paramref name="size"/> audio files from
    /// <paramref name="sources"/> distinct excerpts (each encoded once, then copied), <paramref name="damaged"/> of them damaged.
    /// </summary>
    /// <param name="root">The library's folder (created).</param>
    /// <param name="size">Audio files in all, damaged ones included.</param>
    /// <param name="sources">Distinct excerpts.</param>
    /// <param name="damaged">Damaged files among them.</param>
    /// <param name="seed">Picks the clips and the damage.</param>
    /// <param name="extensions">The formats to use (default all five); wav alone needs no ffmpeg to read.</param>
    public static AudioLibrary Create(string root, int size, int sources = 20, int damaged = 6, int seed = 20261206, string[]? extensions = null)
    {
        var formats = Formats.Where(f => extensions is null || extensions.Contains(f.Extension)).ToArray();
        var data = SharedData.Root ?? throw new InvalidOperationException(SharedData.MissingMessage);
        var clips = File.ReadLines(Path.Combine(data, "folds.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(c => c.Length > 5 && double.TryParse(c[5], System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 10)
            .Select(c => c[0])
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
        var random = new Random(seed);
        var pick = clips.OrderBy(_ => random.Next()).Take(sources).ToArray();
        var encoded = new List<string>();
        var staging = Path.Combine(root, ".staging");
        Directory.CreateDirectory(staging);
        for (var i = 0; i < pick.Length; i++)
        {
            var (extension, codec) = formats[i % formats.Length];
            var file = Path.Combine(staging, $"{Path.GetFileNameWithoutExtension(pick[i])}{extension}");
            Ffmpeg.Run(["-ss", "5", "-t", "2", "-i", Path.Combine(data, pick[i]), .. codec, file]);
            encoded.Add(file);
        }

        var audio = new List<string>();
        var folders = (int)Math.Ceiling((double)(size - damaged) / encoded.Count);
        for (var f = 0; f < folders && audio.Count < size - damaged; f++)
        {
            var folder = Path.Combine(root, $"disc {f + 1:D2}", f % 2 == 0 ? "side a" : string.Empty);
            Directory.CreateDirectory(folder);
            for (var i = 0; i < encoded.Count && audio.Count < size - damaged; i++)
            {
                // Every seventh copy has a wrong extension: the scan must find it by its content.
                var name = Path.GetFileName(encoded[i]);
                if ((audio.Count % 7) == 3)
                {
                    name = Path.ChangeExtension(name, i % 2 == 0 ? ".txt" : ".dat");
                }

                var target = Path.Combine(folder, $"{audio.Count:D3} {name}");
                File.Copy(encoded[i], target);
                audio.Add(target);
            }
        }

        Directory.Delete(staging, recursive: true);
        // The first damaged file is certainly unreadable (a WAV header cut short); the others are the damaged inputs of
        // DamagedAudio, some of which still decode.
        var broken = new List<string>();
        if (damaged > 0)
        {
            var header = Path.Combine(root, "disc 01", "cut short.wav");
            File.WriteAllBytes(header, [.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "WAVEfmt "u8]);
            broken.Add(header);
        }

        for (var d = 1; d < damaged; d++)
        {
            var input = DamagedAudio.Create(seed, d * 37);
            var target = Path.Combine(root, $"disc {d % folders + 1:D2}", $"damaged {d}.wav");
            File.WriteAllBytes(target, input.Bytes);
            broken.Add(target);
        }

        var notAudio = new List<string>
        {
            Write(Path.Combine(root, "notes.txt"), "ripped with care\n"u8.ToArray()),
            Write(Path.Combine(root, "disc 01", "cover.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1]),
            Write(Path.Combine(root, "disc 02", "playlist.m3u"), "#EXTM3U\n001.flac\n"u8.ToArray()),
        };
        var all = audio.Concat(broken).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        return new AudioLibrary(root, all, broken, notAudio);
    }

    private static string Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
