using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML.OnnxRuntime;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// The int8 encoder model (<see cref="OnnxInt8Quantizer"/>) for a shipped model: made on the first load and written to
/// the vector cache's folder under a name keyed by the shipped model's SHA-256 and the quantiser's version, so a new
/// model or a changed quantiser makes a new file and an old one is never used for them. It is made here, never
/// downloaded nor committed.
/// </summary>
internal static class Int8ModelFile
{
    /// <summary>
    /// Whether ONNX Runtime multiplies u8 x s8 exactly here: with VNNI (dot products into int32) on x64, and on Arm64.
    /// Without VNNI its x64 kernels add pairs of products in 16 bits, which can saturate.
    /// </summary>
    public static bool Supported =>
        RuntimeInformation.ProcessArchitecture == Architecture.Arm64
        || (RuntimeInformation.ProcessArchitecture == Architecture.X64 && (AvxVnni.IsSupported || Avx10v1.IsSupported));

    /// <summary>The file name of the int8 model made from the model whose SHA-256 is <paramref name="modelSha256"/>.</summary>
    public static string FileName(string modelSha256)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelSha256);
        return $"encoder-{OnnxInt8Quantizer.Version}-{modelSha256[..Math.Min(32, modelSha256.Length)]}.onnx";
    }

    /// <summary>
    /// A session over the int8 model: the file in <paramref name="directory"/> when it is there and loads, else made
    /// from <paramref name="modelPath"/> and written there (to a temporary name, then moved, so a concurrent process never
    /// reads half a file). With no directory, or one that cannot be written, the model is made in memory each time.
    /// </summary>
    public static InferenceSession Open(string modelPath, string modelSha256, string? directory, SessionOptions options)
    {
        var path = directory is null ? null : Path.Combine(directory, FileName(modelSha256));
        if (path is not null && File.Exists(path))
        {
            try
            {
                return new InferenceSession(path, options);
            }
            catch (OnnxRuntimeException)
            {
                // A damaged file (a disk that filled up): made again below.
            }
        }

        var (model, _, _) = OnnxInt8Quantizer.Quantize(File.ReadAllBytes(modelPath));
        if (path is not null)
        {
            try
            {
                Directory.CreateDirectory(directory!);
                var temporary = $"{path}.{Environment.ProcessId}.tmp";
                File.WriteAllBytes(temporary, model);
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not kept: the next load makes it again.
            }
        }

        return new InferenceSession(model, options);
    }
}
