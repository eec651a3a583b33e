using System.Text.Json;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// model.json, written by the build beside the extracted model (ArcticXsModel.targets): which model it is and the
/// SHA-256 of its files, so a vector cache never serves vectors of another model.
/// </summary>
/// <param name="Name">The model's name (snowflake-arctic-embed-xs).</param>
/// <param name="ModelSha256">SHA-256 of model.onnx, lower-case hex.</param>
/// <param name="VocabularySha256">SHA-256 of vocab.txt, lower-case hex.</param>
internal sealed record SentenceModelManifest(string Name, string ModelSha256, string VocabularySha256)
{
    public const string FileName = "model.json";

    /// <summary>Name and a short hash of both files, e.g. "snowflake-arctic-embed-xs@cf2698d30ff05da0".</summary>
    public string ModelId => $"{Name}@{ModelSha256[..8]}{VocabularySha256[..8]}";

    public static SentenceModelManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        string Field(string name) =>
            root.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException($"{path}: field '{name}' is missing");
        return new SentenceModelManifest(Field("name"), Field("model_sha256"), Field("vocab_sha256"));
    }
}
