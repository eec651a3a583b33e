using Google.Protobuf;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// One protocol-buffers message as its fields in file order, read and written with Google.Protobuf's wire-format
/// streams and no generated classes: a field the code does not know (and the order of every field) goes back out as it
/// came in, so a model rewritten by <see cref="OnnxInt8Quantizer"/> keeps whatever newer ONNX writers put in it.
/// </summary>
internal sealed class ProtoMessage
{
    public ProtoMessage()
    {
    }

    private ProtoMessage(List<ProtoField> fields) => Fields = fields;

    public List<ProtoField> Fields { get; } = [];

    /// <summary>Reads a message; groups (wire types 3 and 4, unused by ONNX) are refused.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a protocol-buffers message.</exception>
    public static ProtoMessage Parse(ByteString bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var fields = new List<ProtoField>();
        var input = bytes.CreateCodedInput();
        try
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var number = WireFormat.GetTagFieldNumber(tag);
                var type = WireFormat.GetTagWireType(tag);
                fields.Add(type switch
                {
                    WireFormat.WireType.Varint => new ProtoField(number, type, input.ReadUInt64(), ByteString.Empty),
                    WireFormat.WireType.Fixed64 => new ProtoField(number, type, input.ReadFixed64(), ByteString.Empty),
                    WireFormat.WireType.Fixed32 => new ProtoField(number, type, input.ReadFixed32(), ByteString.Empty),
                    WireFormat.WireType.LengthDelimited => new ProtoField(number, type, 0, input.ReadBytes()),
                    _ => throw new InvalidDataException($"protocol buffers: field {number} has wire type {type}, which ONNX never uses"),
                });
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"not a protocol-buffers message: {ex.Message}", ex);
        }

        return new ProtoMessage(fields);
    }

    public static ProtoMessage Parse(byte[] bytes) => Parse(UnsafeByteOperations.UnsafeWrap(bytes));

    public ByteString ToByteString() => UnsafeByteOperations.UnsafeWrap(ToByteArray());

    public byte[] ToByteArray()
    {
        var size = 0;
        foreach (var field in Fields) size += field.Size;
        var bytes = new byte[size];
        var output = new CodedOutputStream(bytes);
        foreach (var field in Fields) field.WriteTo(output);
        output.CheckNoSpaceLeft();
        return bytes;
    }

    public IEnumerable<ProtoField> All(int number) => Fields.Where(f => f.Number == number);

    /// <summary>The strings of a repeated (or single) string field, in order.</summary>
    public List<string> Strings(int number) => [.. All(number).Select(f => f.Bytes.ToStringUtf8())];

    public string? String(int number) => All(number).Select(f => f.Bytes.ToStringUtf8()).LastOrDefault();

    public ulong? Varint(int number) => All(number).Where(f => f.Type == WireFormat.WireType.Varint).Select(f => (ulong?)f.Value).LastOrDefault();

    /// <summary>A repeated int64 field, packed or not (both are valid encodings of it).</summary>
    public List<long> Int64s(int number)
    {
        var values = new List<long>();
        foreach (var field in All(number))
        {
            if (field.Type == WireFormat.WireType.Varint)
            {
                values.Add((long)field.Value);
                continue;
            }

            var input = field.Bytes.CreateCodedInput();
            while (!input.IsAtEnd) values.Add(input.ReadInt64());
        }

        return values;
    }

    public ProtoMessage Message(int number) => Parse(All(number).Last().Bytes);

    /// <summary>Replaces every field <paramref name="number"/> by <paramref name="values"/>, at the first one's place (else at the end).</summary>
    public void Replace(int number, IEnumerable<ProtoField> values)
    {
        var at = Fields.FindIndex(f => f.Number == number);
        Fields.RemoveAll(f => f.Number == number);
        Fields.InsertRange(at < 0 ? Fields.Count : at, values);
    }

    public void SetString(int number, string value) => Replace(number, [ProtoField.Of(number, value)]);
}

/// <summary>One field of a <see cref="ProtoMessage"/>: a number, its wire type and either a scalar or bytes.</summary>
internal readonly record struct ProtoField(int Number, WireFormat.WireType Type, ulong Value, ByteString Bytes)
{
    public static ProtoField Of(int number, string value) => Of(number, ByteString.CopyFromUtf8(value));

    public static ProtoField Of(int number, ByteString bytes) => new(number, WireFormat.WireType.LengthDelimited, 0, bytes);

    public static ProtoField Of(int number, ProtoMessage message) => Of(number, message.ToByteString());

    public static ProtoField Of(int number, long value) => new(number, WireFormat.WireType.Varint, (ulong)value, ByteString.Empty);

    public int Size => CodedOutputStream.ComputeTagSize(Number) + Type switch
    {
        WireFormat.WireType.Varint => CodedOutputStream.ComputeUInt64Size(Value),
        WireFormat.WireType.Fixed64 => 8,
        WireFormat.WireType.Fixed32 => 4,
        _ => CodedOutputStream.ComputeBytesSize(Bytes),
    };

    public void WriteTo(CodedOutputStream output)
    {
        output.WriteTag(Number, Type);
        switch (Type)
        {
            case WireFormat.WireType.Varint: output.WriteUInt64(Value); break;
            case WireFormat.WireType.Fixed64: output.WriteFixed64(Value); break;
            case WireFormat.WireType.Fixed32: output.WriteFixed32((uint)Value); break;
            default: output.WriteBytes(Bytes); break;
        }
    }
}
