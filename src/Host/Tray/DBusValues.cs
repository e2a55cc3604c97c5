using Tmds.DBus.Protocol;

namespace GenreStream.Host.Tray;

/// <summary>Writing the plain values the tray's D-Bus objects publish: variants of strings, booleans and integers, and <c>a{sv}</c> dictionaries of them.</summary>
internal static class DBusValues
{
    /// <summary>Writes <paramref name="value"/> (a string, bool, int or uint) as a variant.</summary>
    public static void WriteVariant(ref MessageWriter writer, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteVariantString(s);
                break;
            case bool b:
                writer.WriteVariantBool(b);
                break;
            case int i:
                writer.WriteVariantInt32(i);
                break;
            case uint u:
                writer.WriteVariantUInt32(u);
                break;
            case string[] strings:
                writer.WriteSignature("as");
                writer.WriteArray(strings);
                break;
            default:
                throw new ArgumentException($"no D-Bus form for {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>Writes <paramref name="entries"/> as an <c>a{sv}</c> dictionary.</summary>
    public static void WriteDictionary(ref MessageWriter writer, IEnumerable<KeyValuePair<string, object>> entries)
    {
        var start = writer.WriteDictionaryStart();
        foreach (var (key, value) in entries)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(key);
            WriteVariant(ref writer, value);
        }

        writer.WriteDictionaryEnd(start);
    }
}
