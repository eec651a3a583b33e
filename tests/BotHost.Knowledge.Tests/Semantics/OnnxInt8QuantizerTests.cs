using BotHost.Knowledge.Semantics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace BotHost.Knowledge.Tests.Semantics;

public sealed class OnnxInt8QuantizerTests
{
    private const int Inner = 48;
    private const int Columns = 24;

    [Fact]
    public void Parse_MessageWithFieldsOfEveryWireType_WritesTheSameBytes()
    {
        var nested = new ProtoMessage();
        nested.Fields.Add(ProtoField.Of(1, "inner"));
        nested.Fields.Add(new ProtoField(977, WireFormat.WireType.Fixed64, 0x0102030405060708, ByteString.Empty));
        var message = new ProtoMessage();
        message.Fields.Add(ProtoField.Of(7, nested));
        message.Fields.Add(ProtoField.Of(1, -5));
        message.Fields.Add(new ProtoField(31, WireFormat.WireType.Fixed32, 0xdeadbeef, ByteString.Empty));
        message.Fields.Add(ProtoField.Of(1, 300));
        message.Fields.Add(ProtoField.Of(2000, "a field no ONNX reader knows"));
        var bytes = message.ToByteArray();

        var parsed = ProtoMessage.Parse(bytes);

        Assert.Equal(bytes, parsed.ToByteArray());
        Assert.Equal([7, 1, 31, 1, 2000], parsed.Fields.Select(f => f.Number));
        Assert.Equal("inner", parsed.Message(7).String(1));
        Assert.Equal([-5L, 300L], parsed.Int64s(1));
    }

    [Fact]
    public void Parse_ShippedModel_WritesTheSameBytes()
    {
        var bytes = File.ReadAllBytes(Path.Combine(SentenceEncoderOptions.DefaultModelDirectory, "model.onnx"));

        var written = ProtoMessage.Parse(bytes).ToByteArray();

        Assert.True(bytes.AsSpan().SequenceEqual(written));
    }

    [Fact]
    public void Parse_BytesThatAreNoMessage_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => ProtoMessage.Parse([0x0a, 0x05, 0x01]));
    }

    [Fact]
    public void Quantize_MatMulByConstantWeightsThenBias_GivesTheFloatResultWithinTolerance()
    {
        var random = new Random(14);
        var weights = Values(random, Inner * Columns, 0.2f);
        var bias = Values(random, Columns, 0.5f);
        var model = TinyModel(weights, bias, unknownField: true);
        var input = Values(random, 3 * Inner, 1f);

        var (quantized, matMuls, folded) = OnnxInt8Quantizer.Quantize(model);

        Assert.Equal((1, 1), (matMuls, folded));
        var graph = ProtoMessage.Parse(quantized).Message(OnnxInt8Quantizer.Model.Graph);
        var node = Assert.Single(graph.All(OnnxInt8Quantizer.Graph.Node).ToList());
        var rewritten = ProtoMessage.Parse(node.Bytes);
        Assert.Equal("DynamicQuantizeMatMul", rewritten.String(OnnxInt8Quantizer.Node.OpType));
        Assert.Equal(["x", "w_int8", "w_scale", "", "b"], rewritten.Strings(OnnxInt8Quantizer.Node.Input));
        Assert.Equal(["y"], rewritten.Strings(OnnxInt8Quantizer.Node.Output));
        Assert.DoesNotContain("w", graph.All(OnnxInt8Quantizer.Graph.Initializer).Select(f => ProtoMessage.Parse(f.Bytes).String(OnnxInt8Quantizer.Tensor.Name)));
        Assert.Equal("kept", ProtoMessage.Parse(quantized).String(UnknownField));

        var expected = Run(model, input);
        var actual = Run(quantized, input);
        var largest = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++) Assert.InRange(actual[i] - expected[i], -0.02f * largest, 0.02f * largest);
        Assert.NotEqual(expected, actual);
    }

    [Fact]
    public void Quantize_MatMulOfTwoInputs_LeavesTheModelAlone()
    {
        var model = TinyModel(Values(new Random(1), Inner * Columns, 0.2f), bias: null, unknownField: false, weightsAsInput: true);

        var (quantized, matMuls, _) = OnnxInt8Quantizer.Quantize(model);

        Assert.Equal(0, matMuls);
        Assert.Equal(model, quantized);
    }

    [Fact]
    public void QuantizeColumns_ColumnsOfDifferentRanges_KeepsEachColumnsLargestValueExact()
    {
        float[] values = [1f, -0.011f, -0.4f, 0.02f, 0.25f, 0.005f];

        var (quantized, scales) = OnnxInt8Quantizer.QuantizeColumns(values, rows: 3, columns: 2);

        Assert.Equal([1f / 127, 0.02f / 127], scales);
        Assert.Equal([127, -70, -51, 127, 32, 32], quantized.Select(q => (int)q));
    }

    [Fact]
    public void Open_SourceModelWithAnotherHash_MakesItsOwnFileAndReusesAnExistingOne()
    {
        var folder = Directory.CreateTempSubdirectory("bothost-int8-");
        try
        {
            var source = Path.Combine(folder.FullName, "model.onnx");
            File.WriteAllBytes(source, TinyModel(Values(new Random(2), Inner * Columns, 0.2f), bias: null, unknownField: false));
            var cache = Path.Combine(folder.FullName, "cache");
            using var options = new SessionOptions();
            const string first = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
            const string second = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

            using (Int8ModelFile.Open(source, first, cache, options))
            {
            }

            var made = Path.Combine(cache, Int8ModelFile.FileName(first));
            File.SetLastWriteTimeUtc(made, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            using (Int8ModelFile.Open(source, first, cache, options))
            {
            }

            using (Int8ModelFile.Open(source, second, cache, options))
            {
            }

            Assert.NotEqual(Int8ModelFile.FileName(first), Int8ModelFile.FileName(second));
            Assert.Contains(OnnxInt8Quantizer.Version, Int8ModelFile.FileName(first), StringComparison.Ordinal);
            Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(made));
            Assert.Equal(
                [Int8ModelFile.FileName(first), Int8ModelFile.FileName(second)],
                Directory.GetFiles(cache).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Open_NoFolder_RunsTheModelMadeInMemory()
    {
        var folder = Directory.CreateTempSubdirectory("bothost-int8-");
        try
        {
            var source = Path.Combine(folder.FullName, "model.onnx");
            var model = TinyModel(Values(new Random(3), Inner * Columns, 0.2f), bias: null, unknownField: false);
            File.WriteAllBytes(source, model);
            using var options = new SessionOptions();

            using var session = Int8ModelFile.Open(source, "cccccccccccccccc", directory: null, options);

            Assert.Equal(["y"], session.OutputMetadata.Keys);
            Assert.Equal(["model.onnx"], Directory.GetFiles(folder.FullName).Select(Path.GetFileName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_Quantized_GivesVectorsCloseToTheFloatModelsUnderItsOwnModelId()
    {
        var folder = Directory.CreateTempSubdirectory("bothost-int8-");
        try
        {
            var cache = Path.Combine(folder.FullName, "vectors.db");
            using var full = ArcticXsEncoder.Load(new SentenceEncoderOptions { VectorCachePath = cache });
            using var quantized = ArcticXsEncoder.Load(new SentenceEncoderOptions { VectorCachePath = cache, Precision = EncoderPrecision.Quantized });
            string[] texts = ["someone is threatening to post my pics unless i pay", "what is grooming?", "hi"];

            var cosines = texts.Select(t => VectorMath.Dot(full.Encode(t, EmbeddingKind.Query), quantized.Encode(t, EmbeddingKind.Query))).ToArray();

            if (!Int8ModelFile.Supported)
            {
                Assert.Equal(full.ModelId, quantized.ModelId);
                return;
            }

            Assert.Equal(full.ModelId + "+" + OnnxInt8Quantizer.Version, quantized.ModelId);
            Assert.All(cosines, c => Assert.InRange(c, 0.95f, 0.99999f));
            Assert.Single(Directory.GetFiles(folder.FullName, "encoder-*.onnx"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private const int UnknownField = 1999;

    private static float[] Values(Random random, int count, float range) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * range)];

    private static float[] Run(byte[] model, float[] input)
    {
        using var options = new SessionOptions();
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [input.Length / Inner, Inner]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["x"], [value], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>
    /// y = x · w (+ b): x is [batch, 48] with a symbolic batch; w (and b) are initializers, or w a second input. Written
    /// field by field from onnx.proto's numbers, as the quantiser reads them.
    /// </summary>
    private static byte[] TinyModel(float[] weights, float[]? bias, bool unknownField, bool weightsAsInput = false)
    {
        var graph = new ProtoMessage();
        var matMul = new ProtoMessage();
        matMul.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.Input, "x"));
        matMul.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.Input, "w"));
        matMul.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.Output, bias is null ? "y" : "xw"));
        matMul.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.Name, "matmul"));
        matMul.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.OpType, "MatMul"));
        graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Node, matMul));
        if (bias is not null)
        {
            var add = new ProtoMessage();
            add.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.Input, "xw"));
            add.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.Input, "b"));
            add.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.Output, "y"));
            add.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Node.OpType, "Add"));
            graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Node, add));
        }

        graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Name, "tiny"));
        if (!weightsAsInput)
        {
            graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Initializer,
                OnnxInt8Quantizer.TensorOf("w", OnnxInt8Quantizer.DataType.Float, [Inner, Columns], OnnxInt8Quantizer.FloatBytes(weights))));
        }

        if (bias is not null)
        {
            graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Initializer,
                OnnxInt8Quantizer.TensorOf("b", OnnxInt8Quantizer.DataType.Float, [Columns], OnnxInt8Quantizer.FloatBytes(bias))));
        }

        graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Input, ValueInfo("x", "batch", Inner)));
        if (weightsAsInput) graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Input, ValueInfo("w", "k", Columns)));
        graph.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Graph.Output, ValueInfo("y", "batch", Columns)));

        var model = new ProtoMessage();
        model.Fields.Add(ProtoField.Of(1, 8)); // ir_version
        model.Fields.Add(ProtoField.Of(2, "bothost tests")); // producer_name
        model.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Model.Graph, graph));
        var opset = new ProtoMessage();
        opset.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.OpsetId.Domain, ""));
        opset.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.OpsetId.Version, 17));
        model.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.Model.OpsetImport, opset));
        if (unknownField) model.Fields.Add(ProtoField.Of(UnknownField, "kept"));
        return model.ToByteArray();
    }

    /// <summary>A float tensor's ValueInfoProto with a symbolic first dimension and a fixed second one.</summary>
    private static ProtoMessage ValueInfo(string name, string rows, int columns)
    {
        var first = new ProtoMessage();
        first.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.DimParam, rows));
        var second = new ProtoMessage();
        second.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.DimValue, columns));
        var shape = new ProtoMessage();
        shape.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.Dim, first));
        shape.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.Dim, second));
        var tensor = new ProtoMessage();
        tensor.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.ElemType, OnnxInt8Quantizer.DataType.Float));
        tensor.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.Shape, shape));
        var type = new ProtoMessage();
        type.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.TensorType, tensor));
        var info = new ProtoMessage();
        info.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.Name, name));
        info.Fields.Add(ProtoField.Of(OnnxInt8Quantizer.ValueInfo.Type, type));
        return info;
    }
}
