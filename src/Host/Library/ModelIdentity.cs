using System.Globalization;
using System.Text;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Tracking;
using Org.BouncyCastle.Crypto.Digests;

namespace GenreStream.Host.Library;

/// <summary>
/// What a stored result depends on besides the file: the model's feature fingerprint (its features), a hash of the
/// model itself (weights, standardisation, temperature, unknown detector), the tracking settings (silence threshold,
/// smoothing: they decide the status and the timeline) and whether a timeline was asked for. A result is reused only
/// under the same identity.
/// </summary>
internal static class ModelIdentity
{
    public static string Of(SoftmaxModel model, TrackingOptions tracking, bool timeline)
    {
        var digest = new Sha256Digest();
        Add(digest, ModelFile.Serialize(model));
        Add(digest, tracking.ToString());
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return string.Create(CultureInfo.InvariantCulture, $"{model.Spec.Fingerprint}-{Convert.ToHexStringLower(hash.AsSpan(0, 8))}{(timeline ? "-timeline" : string.Empty)}");
    }

    private static void Add(Sha256Digest digest, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        digest.BlockUpdate(bytes, 0, bytes.Length);
    }
}
