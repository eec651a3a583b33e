using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

/// <summary>Tests that use the embedding model share one loaded encoder and one embedded shipped knowledge base.</summary>
[CollectionDefinition(Collection)]
public sealed class SemanticsTests : ICollectionFixture<SemanticsFixture>
{
    public const string Collection = "Semantics";
}
