using System.Text;
using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Serve;

/// <summary>
/// The last <see cref="Span"/> of the service's genre steps and genre changes, kept in memory so that a page
/// opened or reloaded draws its chart at once (<c>GET /api/history</c>). Steps are stamped with the wall clock
/// (Unix milliseconds), so they survive a switch of source, whose audio time starts again at 0.
/// </summary>
/// <remarks>
/// Thread-safe. Bounded twice: by age (<see cref="Span"/>) and by count (<see cref="Capacity"/> steps, a ring whose
/// probability rows are allocated once and reused; <see cref="MaxChanges"/> changes), so a long run holds a fixed amount.
/// </remarks>
internal sealed class GenreHistory(TimeProvider time, TimeSpan span, int capacity = GenreHistory.DefaultCapacity)
{
    /// <summary>How far back <c>/api/history</c> reaches by default.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromMinutes(30);

    /// <summary>Most steps kept: 30 minutes at the 1.5 s hop are 1200; the rest is room for a shorter hop.</summary>
    public const int DefaultCapacity = 2048;

    /// <summary>Most genre changes kept.</summary>
    public const int MaxChanges = 500;

    private readonly Lock _gate = new();
    private readonly KeptStep[] _ring = new KeptStep[capacity];
    private readonly Queue<KeptChange> _changes = new();
    private IReadOnlyList<string> _labels = [];
    private int _first;
    private int _count;

    /// <summary>How far back the history reaches.</summary>
    public TimeSpan Span => span;

    /// <summary>Most steps kept.</summary>
    public int Capacity => capacity;

    /// <summary>Steps held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Keeps genre steps and changes; other events are not history.</summary>
    public void Record(LiveEvent e)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            switch (e)
            {
                case GenreUpdate g:
                    if (!_labels.SequenceEqual(g.Labels))
                    {
                        // Another model: its rows mean something else.
                        _labels = [.. g.Labels];
                        _count = 0;
                        _first = 0;
                    }

                    var slot = (_first + _count) % _ring.Length;
                    if (_count == _ring.Length)
                    {
                        _first = (_first + 1) % _ring.Length;
                    }
                    else
                    {
                        _count++;
                    }

                    var row = _ring[slot].Smoothed is { } kept && kept.Length == g.Smoothed.Length ? kept : new float[g.Smoothed.Length];
                    g.Smoothed.CopyTo(row, 0);
                    _ring[slot] = new KeptStep(now, row, g.Current, g.Silent ? TrackStatus.Silence : g.Status);
                    break;
                case GenreChanged c:
                    _changes.Enqueue(new KeptChange(now, c.From, c.To, c.Confidence));
                    while (_changes.Count > MaxChanges)
                    {
                        _changes.Dequeue();
                    }

                    break;
            }

            Forget(now);
        }
    }

    /// <summary>
    /// The history as compact JSON: <c>{"span_seconds","now_unix_ms","labels":[…],"unix_ms":[…],"smoothed":[[…ten…],…],
    /// "current":[…],"status":[…],"changes":[{"unix_ms","from","to","confidence"},…]}</c>, oldest first; the four step arrays
    /// have one entry per step, probabilities rounded to 3 decimals.
    /// </summary>
    public string ToJson()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            lock (_gate)
            {
                Forget(now);
                writer.WriteStartObject();
                writer.WriteNumber("span_seconds", span.TotalSeconds);
                writer.WriteNumber("now_unix_ms", now);
                writer.WriteStartArray("labels");
                foreach (var label in _labels)
                {
                    writer.WriteStringValue(label);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("unix_ms");
                ForEachStep(s => writer.WriteNumberValue(s.UnixMs));
                writer.WriteEndArray();
                writer.WriteStartArray("smoothed");
                ForEachStep(s =>
                {
                    writer.WriteStartArray();
                    foreach (var p in s.Smoothed)
                    {
                        writer.WriteNumberValue(Math.Round(p, 3));
                    }

                    writer.WriteEndArray();
                });
                writer.WriteEndArray();
                writer.WriteStartArray("current");
                ForEachStep(s => writer.WriteStringValue(s.Current));
                writer.WriteEndArray();
                writer.WriteStartArray("status");
                ForEachStep(s => writer.WriteStringValue(s.Status.Name()));
                writer.WriteEndArray();
                writer.WriteStartArray("changes");
                foreach (var c in _changes)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("unix_ms", c.UnixMs);
                    writer.WriteString("from", c.From);
                    writer.WriteString("to", c.To);
                    writer.WriteNumber("confidence", Math.Round(c.Confidence, 3));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private void ForEachStep(Action<KeptStep> write)
    {
        for (var n = 0; n < _count; n++)
        {
            write(_ring[(_first + n) % _ring.Length]);
        }
    }

    /// <summary>Drops what is older than <see cref="Span"/> (a row stays allocated for reuse).</summary>
    private void Forget(long now)
    {
        var oldest = now - (long)span.TotalMilliseconds;
        while (_count > 0 && _ring[_first].UnixMs < oldest)
        {
            _first = (_first + 1) % _ring.Length;
            _count--;
        }

        while (_changes.Count > 0 && _changes.Peek().UnixMs < oldest)
        {
            _changes.Dequeue();
        }
    }

    private readonly record struct KeptStep(long UnixMs, float[] Smoothed, string? Current, TrackStatus Status);

    private readonly record struct KeptChange(long UnixMs, string? From, string To, float Confidence);
}
