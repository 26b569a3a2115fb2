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

/// <summary>Messages that once ended the kernel or made it act twice: refused at decoding, with the reason.</summary>
public sealed class WireCodecRefusalTests
{
    private static readonly MessageSigner Signer = new("secret");

    // Signs the four JSON frames as given, so the codec sees a correctly signed but odd message.
    private static List<byte[]> Signed(string header, string content = "{}")
    {
        byte[][] parts = [Encoding.UTF8.GetBytes(header), "{}"u8.ToArray(), "{}"u8.ToArray(), Encoding.UTF8.GetBytes(content)];
        return [Encoding.UTF8.GetBytes("peer"), "<IDS|MSG>"u8.ToArray(), Encoding.ASCII.GetBytes(Signer.Sign(parts)), .. parts];
    }

    [Theory]
    [InlineData("""{"msg_id":"1","msg_type":7}""", "not a string")]
    [InlineData("""{"msg_id":"1","msg_type":["execute_request"]}""", "not a string")]
    [InlineData("""{"msg_id":"1"}""", "missing")]
    [InlineData("""{"msg_id":"1","msg_type":"execute_request","msg_type":"kernel_info_request"}""", "not four JSON objects")]
    [InlineData("""[1,2]""", "not four JSON objects")]
    public void Refuses_a_signed_message_with_a_bad_header(string header, string reason)
    {
        Assert.Null(new WireCodec(Signer).Decode(Signed(header), out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Refuses_duplicate_keys_deep_in_the_content()
    {
        Assert.Null(new WireCodec(Signer).Decode(Signed("""{"msg_id":"1","msg_type":"execute_request"}""", """{"a":{"b":1,"b":2}}"""), out var problem));
        Assert.Contains("not four JSON objects", problem);
    }

    [Fact]
    public void Refuses_a_replayed_message_but_not_a_new_one()
    {
        var codec = new WireCodec(Signer);
        var header = """{"msg_id":"1","msg_type":"execute_request"}""";
        Assert.NotNull(codec.Decode(Signed(header), out _));
        Assert.Null(codec.Decode(Signed(header), out var problem));
        Assert.Contains("replayed", problem);
        Assert.NotNull(codec.Decode(Signed("""{"msg_id":"2","msg_type":"execute_request"}"""), out _));
    }

    [Fact]
    public void Unsigned_sessions_accept_repeated_messages()
    {
        var codec = new WireCodec(new MessageSigner(""));
        byte[][] parts = ["""{"msg_id":"1","msg_type":"kernel_info_request"}"""u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()];
        List<byte[]> frames = ["<IDS|MSG>"u8.ToArray(), [], .. parts];
        Assert.NotNull(codec.Decode(frames, out _));
        Assert.NotNull(codec.Decode(frames, out _));
    }

    [Fact]
    public void Type_and_id_of_an_odd_header_read_as_empty_instead_of_throwing()
    {
        var message = new JupyterMessage([], new JsonObject { ["msg_type"] = 7, ["msg_id"] = new JsonArray() }, [], [], [], []);
        Assert.Equal("", message.Type);
        Assert.Equal("", message.Id);
    }
}
