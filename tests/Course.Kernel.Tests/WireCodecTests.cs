using System.Text;
using System.Text.Json.Nodes;
using Course.Kernel.Protocol;

namespace Course.Kernel.Tests;

public sealed class WireCodecTests
{
    private static readonly WireCodec Codec = new(new MessageSigner("secret"));

    private static List<byte[]> Frames(JupyterMessage message) => Codec.Encode(message).Select(f => f.ToByteArray()).ToList();

    private static JupyterMessage Sample() =>
        JupyterMessage.Create("s1", "execute_request", new JsonObject { ["code"] = "1 + 1" }, null, [Encoding.UTF8.GetBytes("peer")]);

    [Fact]
    public void Round_trips_identities_header_and_content()
    {
        var decoded = Codec.Decode(Frames(Sample()), out var problem);
        Assert.Null(problem);
        Assert.Equal("peer", Encoding.UTF8.GetString(decoded!.Identities.Single()));
        Assert.Equal("execute_request", decoded.Type);
        Assert.Equal("1 + 1", decoded.String("code"));
        Assert.Equal("5.3", decoded.Header["version"]!.GetValue<string>());
    }

    [Fact]
    public void Signature_is_hmac_sha256_hex_of_the_four_json_frames()
    {
        var frames = Frames(Sample());
        using var hmac = new System.Security.Cryptography.HMACSHA256("secret"u8.ToArray());
        var expected = Convert.ToHexStringLower(hmac.ComputeHash([.. frames[3], .. frames[4], .. frames[5], .. frames[6]]));
        Assert.Equal(expected, Encoding.ASCII.GetString(frames[2]));
    }

    [Fact]
    public void Rejects_a_wrong_key_and_a_tampered_content()
    {
        var forged = new WireCodec(new MessageSigner("other")).Encode(Sample()).Select(f => f.ToByteArray()).ToList();
        Assert.Null(Codec.Decode(forged, out var problem));
        Assert.Equal("invalid HMAC signature", problem);

        var tampered = Frames(Sample());
        tampered[6] = Encoding.UTF8.GetBytes("{\"code\":\"System.IO.File.Delete(\\\"x\\\")\"}");
        Assert.Null(Codec.Decode(tampered, out problem));
        Assert.Equal("invalid HMAC signature", problem);
    }

    [Fact]
    public void Rejects_frames_without_delimiter()
    {
        Assert.Null(Codec.Decode([Encoding.UTF8.GetBytes("{}")], out var problem));
        Assert.Contains("malformed", problem);
    }
}
