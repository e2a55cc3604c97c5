namespace GenreStream.Host.Tray;

/// <summary>One entry of the tray's menu as <c>com.canonical.dbusmenu</c> describes it.</summary>
/// <param name="Id">Its id (0 is the root).</param>
/// <param name="Label">Its text; empty for a separator.</param>
/// <param name="Enabled">Whether it can be clicked.</param>
/// <param name="Toggle">"radio", "checkmark" or null.</param>
/// <param name="On">With a toggle: whether it is selected.</param>
/// <param name="Children">A submenu's entries, else null.</param>
/// <param name="Separator">Whether it is a separator line.</param>
internal sealed record MenuItem(int Id, string Label, bool Enabled = true, string? Toggle = null, bool On = false, IReadOnlyList<MenuItem>? Children = null, bool Separator = false)
{
    public static MenuItem Line(int id) => new(id, string.Empty, Separator: true);

    /// <summary>This item's dbusmenu properties (only those that differ from the defaults, plus the label).</summary>
    public IEnumerable<KeyValuePair<string, object>> Properties()
    {
        if (Separator)
        {
            yield return new("type", "separator");
            yield break;
        }

        yield return new("label", Label);
        if (!Enabled)
        {
            yield return new("enabled", false);
        }

        if (Toggle is not null)
        {
            yield return new("toggle-type", Toggle);
            yield return new("toggle-state", On ? 1 : 0);
        }

        if (Children is not null)
        {
            yield return new("children-display", "submenu");
        }
    }

    /// <summary>This item or the one below it with <paramref name="id"/>, or null.</summary>
    public MenuItem? Find(int id) => Id == id ? this : Children?.Select(c => c.Find(id)).FirstOrDefault(c => c is not null);
}
