using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// Rewrites an ONNX model so that every MatMul by a constant float weight matrix runs on int8 weights: the node becomes
/// ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c> (the activations are quantised to uint8 per call, the
/// weights once here, symmetric int8 with one scale per output column), and a following Add of a constant bias vector is
/// folded into it as its bias input. On CPUs with VNNI (AVX-512 VNNI or AVX-VNNI) ONNX Runtime multiplies u8 x s8 in
/// int32 accumulators. Everything else in the model (other nodes, attributes, metadata, fields this code does not know)
/// is kept as it was. The field numbers are those of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto).
/// </summary>
internal static class OnnxInt8Quantizer
{
    /// <summary>Changes whenever the rewrite changes (its output, hence the vectors): part of the model id and file name.</summary>
    public const string Version = "int8v1";

    /// <summary>Quantises <paramref name="model"/> (the bytes of a .onnx file); returns the new model and how many MatMuls it rewrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model with a graph.</exception>
    public static (byte[] Model, int MatMuls, int BiasesFolded) Quantize(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var root = ProtoMessage.Parse(model);
        if (!root.All(Model.Graph).Any()) throw new InvalidDataException("not an ONNX model: it has no graph (ModelProto field 7)");
        var graph = root.Message(Model.Graph);

        var initializers = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        foreach (var field in graph.All(Graph.Initializer))
        {
            var tensor = ProtoMessage.Parse(field.Bytes);
            initializers[tensor.String(Tensor.Name) ?? ""] = tensor;
        }

        var nodes = graph.All(Graph.Node).Select(f => ProtoMessage.Parse(f.Bytes)).ToList();
        var graphOutputs = graph.All(Graph.Output).Select(f => ProtoMessage.Parse(f.Bytes).String(ValueInfo.Name)).ToHashSet(StringComparer.Ordinal);
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var input in nodes[i].Strings(Node.Input))
            {
                uses[input] = uses.GetValueOrDefault(input) + 1;
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = [];
                list.Add(i);
            }
        }

        var removedNodes = new HashSet<int>();
        var removedInitializers = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<ProtoMessage>();
        var matMuls = 0;
        var folded = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var inputs = node.Strings(Node.Input);
            var outputs = node.Strings(Node.Output);
            if (node.String(Node.OpType) != "MatMul" || (node.String(Node.Domain) ?? "") is not ("" or "ai.onnx")) continue;
            if (inputs.Count != 2 || outputs.Count != 1) continue;
            if (!initializers.TryGetValue(inputs[1], out var weight) || FloatMatrix(weight) is not { } matrix) continue;

            var (rows, columns, values) = matrix;
            var (quantized, scales) = QuantizeColumns(values, rows, columns);
            var name = inputs[1];
            added.Add(TensorOf(name + "_int8", DataType.Int8, [rows, columns], ByteString.CopyFrom(MemoryMarshal.AsBytes(quantized.AsSpan()))));
            added.Add(TensorOf(name + "_scale", DataType.Float, [columns], FloatBytes(scales)));
            if (uses[name] == 1) removedInitializers.Add(name);

            // y = MatMul(a, W); z = Add(y, bias) with a constant bias of one value per column: z = DynamicQuantizeMatMul(a, W, bias).
            var newInputs = new List<string> { inputs[0], name + "_int8", name + "_scale" };
            var newOutputs = outputs;
            if (!graphOutputs.Contains(outputs[0])
                && consumers.TryGetValue(outputs[0], out var next) && next.Count == 1
                && nodes[next[0]] is var add && add.String(Node.OpType) == "Add" && (add.String(Node.Domain) ?? "") is "" or "ai.onnx"
                && add.Strings(Node.Input) is { Count: 2 } addInputs && add.Strings(Node.Output) is { Count: 1 } addOutputs
                && addInputs.IndexOf(outputs[0]) is var at and >= 0
                && addInputs[1 - at] is var biasName && initializers.TryGetValue(biasName, out var bias)
                && FloatVector(bias) is { Length: var length } && length == columns)
            {
                newInputs.AddRange(["", biasName]);
                newOutputs = addOutputs;
                removedNodes.Add(next[0]);
                folded++;
            }

            node.Replace(Node.Input, newInputs.Select(n => ProtoField.Of(Node.Input, n)));
            node.Replace(Node.Output, newOutputs.Select(n => ProtoField.Of(Node.Output, n)));
            node.SetString(Node.OpType, "DynamicQuantizeMatMul");
            node.SetString(Node.Domain, MicrosoftDomain);
            matMuls++;
        }

        graph.Replace(Graph.Node, nodes.Where((_, i) => !removedNodes.Contains(i)).Select(n => ProtoField.Of(Graph.Node, n)));
        graph.Replace(Graph.Initializer, graph.All(Graph.Initializer)
            .Where(f => !removedInitializers.Contains(ProtoMessage.Parse(f.Bytes).String(Tensor.Name) ?? ""))
            .Concat(added.Select(t => ProtoField.Of(Graph.Initializer, t)))
            .ToList());

        // IR versions before 4 also list initializers among the graph's inputs.
        graph.Replace(Graph.Input, graph.All(Graph.Input)
            .Where(f => !removedInitializers.Contains(ProtoMessage.Parse(f.Bytes).String(ValueInfo.Name) ?? ""))
            .ToList());
        root.Replace(Model.Graph, [ProtoField.Of(Model.Graph, graph)]);

        var opsets = root.All(Model.OpsetImport).ToList();
        if (matMuls > 0 && !opsets.Any(f => ProtoMessage.Parse(f.Bytes).String(OpsetId.Domain) == MicrosoftDomain))
        {
            var opset = new ProtoMessage();
            opset.Fields.Add(ProtoField.Of(OpsetId.Domain, MicrosoftDomain));
            opset.Fields.Add(ProtoField.Of(OpsetId.Version, 1));
            opsets.Add(ProtoField.Of(Model.OpsetImport, opset));
            root.Replace(Model.OpsetImport, opsets);
        }

        return (root.ToByteArray(), matMuls, folded);
    }

    /// <summary>
    /// Symmetric int8 per column of a row-major [rows, columns] matrix: scale = max |w| / 127 over the column, q =
    /// round(w / scale) in [-127, 127] (never -128, so the grid is symmetric and no product saturates).
    /// </summary>
    internal static (sbyte[] Quantized, float[] Scales) QuantizeColumns(ReadOnlySpan<float> values, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) scales[c] = Math.Max(scales[c], Math.Abs(values[(r * columns) + c]));
        }

        for (var c = 0; c < columns; c++) scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        var quantized = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var q = MathF.Round(values[(r * columns) + c] / scales[c], MidpointRounding.ToEven);
                quantized[(r * columns) + c] = (sbyte)Math.Clamp(q, -127f, 127f);
            }
        }

        return (quantized, scales);
    }

    /// <summary>A TensorProto with its values in raw_data (little-endian, as onnx.proto defines raw_data).</summary>
    internal static ProtoMessage TensorOf(string name, int dataType, long[] dims, ByteString raw)
    {
        var tensor = new ProtoMessage();
        foreach (var dim in dims) tensor.Fields.Add(ProtoField.Of(Tensor.Dims, dim));
        tensor.Fields.Add(ProtoField.Of(Tensor.DataType, dataType));
        tensor.Fields.Add(ProtoField.Of(Tensor.Name, name));
        tensor.Fields.Add(ProtoField.Of(Tensor.RawData, raw));
        return tensor;
    }

    internal static ByteString FloatBytes(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    private static (int Rows, int Columns, float[] Values)? FloatMatrix(ProtoMessage tensor)
    {
        var dims = tensor.Int64s(Tensor.Dims);
        if (dims.Count != 2 || dims[0] is <= 0 or > int.MaxValue || dims[1] is <= 0 or > int.MaxValue) return null;
        var values = FloatValues(tensor);
        return values is not null && values.LongLength == dims[0] * dims[1] ? ((int)dims[0], (int)dims[1], values) : null;
    }

    private static float[]? FloatVector(ProtoMessage tensor)
    {
        var dims = tensor.Int64s(Tensor.Dims);
        return dims.Count == 1 ? FloatValues(tensor) : null;
    }

    /// <summary>The values of a float tensor stored in the file (raw_data or float_data); null for any other tensor.</summary>
    private static float[]? FloatValues(ProtoMessage tensor)
    {
        if ((long)(tensor.Varint(Tensor.DataType) ?? 0) != DataType.Float) return null;
        if ((long)(tensor.Varint(Tensor.DataLocation) ?? 0) != 0 || tensor.All(Tensor.ExternalData).Any()) return null;
        if (tensor.All(Tensor.RawData).Any())
        {
            var raw = tensor.All(Tensor.RawData).Last().Bytes.Span;
            if (raw.Length % sizeof(float) != 0) return null;
            var values = new float[raw.Length / sizeof(float)];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
            return values;
        }

        var list = new List<float>();
        foreach (var field in tensor.All(Tensor.FloatData))
        {
            if (field.Type == WireFormat.WireType.Fixed32)
            {
                list.Add(BitConverter.UInt32BitsToSingle((uint)field.Value));
                continue;
            }

            var input = field.Bytes.CreateCodedInput();
            while (!input.IsAtEnd) list.Add(input.ReadFloat());
        }

        return [.. list];
    }

    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>ModelProto field numbers.</summary>
    internal static class Model
    {
        public const int Graph = 7;
        public const int OpsetImport = 8;
    }

    /// <summary>OperatorSetIdProto field numbers.</summary>
    internal static class OpsetId
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary>GraphProto field numbers.</summary>
    internal static class Graph
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int Input = 11;
        public const int Output = 12;
    }

    /// <summary>NodeProto field numbers.</summary>
    internal static class Node
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Domain = 7;
    }

    /// <summary>ValueInfoProto and TypeProto field numbers.</summary>
    internal static class ValueInfo
    {
        public const int Name = 1;
        public const int Type = 2;
        public const int TensorType = 1;
        public const int ElemType = 1;
        public const int Shape = 2;
        public const int Dim = 1;
        public const int DimValue = 1;
        public const int DimParam = 2;
    }

    /// <summary>TensorProto field numbers.</summary>
    internal static class Tensor
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int FloatData = 4;
        public const int Name = 8;
        public const int RawData = 9;
        public const int ExternalData = 13;
        public const int DataLocation = 14;
    }

    /// <summary>TensorProto.DataType values.</summary>
    internal static class DataType
    {
        public const int Float = 1;
        public const int Int8 = 3;
    }
}
