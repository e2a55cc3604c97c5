using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GenreStream.Host.Serve;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// The page's ten genre colours (<c>/palette.js</c>, as served) stay apart for people with common colour
/// blindness: every pair at least 7 CIEDE2000 units apart in normal vision and under simulated protanopia,
/// deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009, full severity, in linear sRGB).
/// </summary>
public sealed partial class PaletteTests
{
    private const double Apart = 7;

    private static readonly Dictionary<string, double[,]> Visions = new()
    {
        ["normal"] = new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
        ["protanopia"] = new[,] { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
        ["deuteranopia"] = new[,] { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
        ["tritanopia"] = new[,] { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
    };

    [Fact]
    public void Every_two_of_the_ten_genre_colours_stay_apart_in_normal_vision_and_for_the_three_colour_blindnesses()
    {
        var script = Encoding.UTF8.GetString(WebAssets.Find("/palette.js")!.Value.Content);
        var colours = Colour().Matches(script).ToDictionary(m => m.Groups["genre"].Value, m => m.Groups["hex"].Value);
        Assert.Equal(["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"], colours.Keys.Order(StringComparer.Ordinal));
        foreach (var (vision, _) in Visions)
        {
            var (distance, a, b) = Closest(colours, vision);
            Assert.True(distance >= Apart, $"{vision}: {a} and {b} are only {distance:F1} apart");
        }

        // The measure tells a bad palette: Tableau 10, as the page had it before, puts country's red and hiphop's green together in deuteranopia.
        var tableau = new Dictionary<string, string>
        {
            ["blues"] = "#4e79a7", ["classical"] = "#f28e2b", ["country"] = "#e15759", ["disco"] = "#76b7b2", ["hiphop"] = "#59a14f",
            ["jazz"] = "#edc948", ["metal"] = "#b07aa1", ["pop"] = "#ff9da7", ["reggae"] = "#9c755f", ["rock"] = "#bab0ac",
        };
        var before = Closest(tableau, "deuteranopia");
        Assert.True(before.Distance < 1, $"Tableau 10: {before}");
        Assert.Equal(("country", "hiphop"), (before.A, before.B));
    }

    private static (double Distance, string A, string B) Closest(IReadOnlyDictionary<string, string> colours, string vision)
    {
        var lab = colours.ToDictionary(c => c.Key, c => Lab(Simulate(Linear(c.Value), Visions[vision])));
        var names = lab.Keys.ToArray();
        var closest = (Distance: double.MaxValue, A: "", B: "");
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = i + 1; j < names.Length; j++)
            {
                var d = Ciede2000(lab[names[i]], lab[names[j]]);
                if (d < closest.Distance)
                {
                    closest = (d, names[i], names[j]);
                }
            }
        }

        return closest;
    }

    private static double[] Linear(string hex)
    {
        var c = new double[3];
        for (var k = 0; k < 3; k++)
        {
            var v = int.Parse(hex.AsSpan(1 + (2 * k), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            c[k] = v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        return c;
    }

    /// <summary>The simulated colour, clipped to the sRGB gamut (as a screen would show it) and back in linear light.</summary>
    private static double[] Simulate(double[] linear, double[,] m)
    {
        var r = new double[3];
        for (var i = 0; i < 3; i++)
        {
            var v = (m[i, 0] * linear[0]) + (m[i, 1] * linear[1]) + (m[i, 2] * linear[2]);
            var encoded = Math.Clamp(v, 0, 1) <= 0.0031308 ? 12.92 * Math.Clamp(v, 0, 1) : (1.055 * Math.Pow(Math.Clamp(v, 0, 1), 1 / 2.4)) - 0.055;
            r[i] = encoded <= 0.04045 ? encoded / 12.92 : Math.Pow((encoded + 0.055) / 1.055, 2.4);
        }

        return r;
    }

    private static (double L, double A, double B) Lab(double[] l)
    {
        double x = ((0.4124 * l[0]) + (0.3576 * l[1]) + (0.1805 * l[2])) / 0.95047;
        double y = (0.2126 * l[0]) + (0.7152 * l[1]) + (0.0722 * l[2]);
        double z = ((0.0193 * l[0]) + (0.1192 * l[1]) + (0.9505 * l[2])) / 1.08883;
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : (7.787 * t) + (16.0 / 116);
        return ((116 * F(y)) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }

    /// <summary>CIEDE2000 colour difference (Sharma, Wu and Dalal 2005).</summary>
    private static double Ciede2000((double L, double A, double B) p, (double L, double A, double B) q)
    {
        static double Rad(double d) => d * Math.PI / 180;
        double c1 = Math.Sqrt((p.A * p.A) + (p.B * p.B)), c2 = Math.Sqrt((q.A * q.A) + (q.B * q.B)), cBar = (c1 + c2) / 2;
        var g = 0.5 * (1 - Math.Sqrt(Math.Pow(cBar, 7) / (Math.Pow(cBar, 7) + Math.Pow(25, 7))));
        double a1 = (1 + g) * p.A, a2 = (1 + g) * q.A;
        double c1p = Math.Sqrt((a1 * a1) + (p.B * p.B)), c2p = Math.Sqrt((a2 * a2) + (q.B * q.B));
        double h1 = ((Math.Atan2(p.B, a1) * 180 / Math.PI) + 360) % 360, h2 = ((Math.Atan2(q.B, a2) * 180 / Math.PI) + 360) % 360;
        var dL = q.L - p.L;
        var dC = c2p - c1p;
        var dh = c1p * c2p == 0 ? 0 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
        var dH = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Rad(dh / 2));
        double lBar = (p.L + q.L) / 2, cBarP = (c1p + c2p) / 2;
        var hBar = c1p * c2p == 0 ? h1 + h2 : Math.Abs(h1 - h2) > 180 ? (h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2) : (h1 + h2) / 2;
        var t = 1 - (0.17 * Math.Cos(Rad(hBar - 30))) + (0.24 * Math.Cos(Rad(2 * hBar))) + (0.32 * Math.Cos(Rad((3 * hBar) + 6))) - (0.20 * Math.Cos(Rad((4 * hBar) - 63)));
        var dTheta = 30 * Math.Exp(-Math.Pow((hBar - 275) / 25, 2));
        var rc = 2 * Math.Sqrt(Math.Pow(cBarP, 7) / (Math.Pow(cBarP, 7) + Math.Pow(25, 7)));
        var sl = 1 + (0.015 * Math.Pow(lBar - 50, 2) / Math.Sqrt(20 + Math.Pow(lBar - 50, 2)));
        var sc = 1 + (0.045 * cBarP);
        var sh = 1 + (0.015 * cBarP * t);
        var rt = -Math.Sin(Rad(2 * dTheta)) * rc;
        return Math.Sqrt(Math.Pow(dL / sl, 2) + Math.Pow(dC / sc, 2) + Math.Pow(dH / sh, 2) + (rt * (dC / sc) * (dH / sh)));
    }

    [GeneratedRegex(@"(?<genre>[a-z]+): \{ colour: '(?<hex>#[0-9A-Fa-f]{6})'")]
    private static partial Regex Colour();
}
