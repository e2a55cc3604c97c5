using System.Buffers.Binary;
using System.Text;
using GenreStream.Host.Outputs.Osc;

namespace GenreStream.Host.Tests.Outputs.Osc;

public class OscEncoderTests
{
    [Fact]
    public void A_message_has_padded_address_and_type_tags_and_big_endian_arguments()
    {
        var bytes = OscEncoder.Encode(new OscMessage("/genre/current", "rock", 0.75f));

        // "/genre/current" is 14 bytes: NUL-terminated and padded to 16.
        Assert.Equal("/genre/current\0\0", Encoding.ASCII.GetString(bytes, 0, 16));
        Assert.Equal(",sf\0", Encoding.ASCII.GetString(bytes, 16, 4));
        Assert.Equal("rock\0\0\0\0", Encoding.ASCII.GetString(bytes, 20, 8)); // 4 bytes need a whole extra word
        Assert.Equal(0.75f, BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(28, 4)));
        Assert.Equal(32, bytes.Length);
        Assert.Equal(0, bytes.Length % 4);
    }

    [Fact]
    public void Integers_are_big_endian_and_ten_floats_take_forty_bytes()
    {
        var bytes = OscEncoder.Encode(new OscMessage("/a", 1, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f));
        Assert.Equal(",iffffffffff\0\0\0\0", Encoding.ASCII.GetString(bytes, 4, 16));
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.Equal(11f, BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(bytes.Length - 4)));
        Assert.Equal(4 + 16 + 4 + 40, bytes.Length);
    }

    [Fact]
    public void A_bundle_has_the_header_an_immediate_time_tag_and_size_prefixed_messages()
    {
        var first = OscEncoder.Encode(new OscMessage("/genre/level", -12.5f));
        var second = OscEncoder.Encode(new OscMessage("/genre/current", "jazz", 0.5f));
        var bundle = OscEncoder.EncodeBundle([new OscMessage("/genre/level", -12.5f), new OscMessage("/genre/current", "jazz", 0.5f)]);
        Assert.Equal("#bundle\0", Encoding.ASCII.GetString(bundle, 0, 8));
        Assert.Equal(1UL, BinaryPrimitives.ReadUInt64BigEndian(bundle.AsSpan(8, 8)));
        Assert.Equal(first.Length, BinaryPrimitives.ReadInt32BigEndian(bundle.AsSpan(16, 4)));
        Assert.Equal(first, bundle.AsSpan(20, first.Length).ToArray());
        Assert.Equal(second.Length, BinaryPrimitives.ReadInt32BigEndian(bundle.AsSpan(20 + first.Length, 4)));
        Assert.Equal(second, bundle.AsSpan(24 + first.Length).ToArray());
    }

    [Fact]
    public void Addresses_without_a_slash_and_unsupported_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => OscEncoder.Encode(new OscMessage("genre", 1f)));
        Assert.Throws<ArgumentException>(() => OscEncoder.Encode(new OscMessage("/genre", 1.0)));
    }
}
