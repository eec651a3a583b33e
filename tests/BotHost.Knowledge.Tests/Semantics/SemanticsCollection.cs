using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

/// <summary>Tests that use the embedding model share one loaded encoder and one embedded shipped knowledge base.</summary>
[CollectionDefinition(Name)]
public sealed class SemanticsCollection : ICollectionFixture<SemanticsFixture>
{
    public const string Name = "Semantics";
}
