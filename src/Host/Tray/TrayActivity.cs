namespace GenreStream.Host.Tray;

/// <summary>What the tray icon says the listener is doing, apart from the genre itself.</summary>
internal enum TrayActivity
{
    /// <summary>Started, no window classified yet.</summary>
    Waiting,

    /// <summary>Music: the genre is meaningful.</summary>
    Music,

    /// <summary>Sound that is not one of the genres, or not music.</summary>
    Unknown,

    /// <summary>Below the silence threshold.</summary>
    Silence,

    /// <summary>Listening paused from the menu.</summary>
    Paused,

    /// <summary>The source failed or could not be opened; being tried again.</summary>
    Lost,

    /// <summary>The source ended (a file played to its end).</summary>
    Ended,
}
