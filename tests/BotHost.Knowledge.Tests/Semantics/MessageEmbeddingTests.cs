using BotHost.Knowledge.Semantics;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

[Collection(SemanticsTests.Collection)]
public sealed class MessageEmbeddingTests
{
    [Fact]
    public void For_TheSameMessageTwice_ReturnsOneHandleAndEmbedsOnce()
    {
        var encoder = new CountingEncoder(SharedEncoder.Encoder);
        var text = new string("someone keeps following me home".AsSpan());

        var safety = MessageEmbedding.For(encoder, text);
        var retrieval = MessageEmbedding.For(encoder, text);
        var first = safety.Vector.ToArray();
        var second = retrieval.Vector.ToArray();

        Assert.Same(safety, retrieval);
        Assert.Equal(first, second);
        Assert.Equal(1, encoder.Texts);
    }

    [Fact]
    public void Vector_SameMessageSentAgainAsANewText_IsNotEmbeddedAgain()
    {
        var encoder = new CountingEncoder(SharedEncoder.Encoder);
        var first = MessageEmbedding.For(encoder, new string("how do i report a fake account".AsSpan())).Vector.ToArray();

        var again = MessageEmbedding.For(encoder, new string("How do I report a fake account".AsSpan()));

        Assert.Equal(first, again.Vector.ToArray());
        Assert.Equal(1, encoder.Texts);
    }

    [Fact]
    public void Vector_ReadFromManyThreadsAtOnce_IsEmbeddedOnce()
    {
        var encoder = new CountingEncoder(SharedEncoder.Encoder);
        var handle = MessageEmbedding.For(encoder, new string("i need help right now".AsSpan()));

        Parallel.For(0, 16, _ => Assert.Equal(384, handle.Vector.Length));

        Assert.Equal(1, encoder.Texts);
        Assert.True(handle.IsComputed);
    }

    [Fact]
    public void For_ANewHandle_DoesNotEmbedUntilTheVectorIsRead()
    {
        var encoder = new CountingEncoder(SharedEncoder.Encoder);

        var handle = MessageEmbedding.For(encoder, new string("hello there".AsSpan()));

        Assert.False(handle.IsComputed);
        Assert.Equal(0, encoder.Texts);
    }

    [Fact]
    public void For_AnotherEncoder_GetsItsOwnHandle()
    {
        var text = new string("is this server safe".AsSpan());
        var first = MessageEmbedding.For(new CountingEncoder(SharedEncoder.Encoder), text);

        var second = MessageEmbedding.For(new CountingEncoder(SharedEncoder.Encoder), text);

        Assert.NotSame(first, second);
    }

    [Fact]
    public void Vector_IsTheQueryEmbeddingOfTheMembersOwnWords()
    {
        const string Text = "someone is stalking me online";

        var handle = MessageEmbedding.For(SharedEncoder.Encoder, new string(Text.AsSpan()));

        Assert.Equal(Text, handle.Text);
        Assert.Equal(SharedEncoder.Encoder.Encode(Text, EmbeddingKind.Query), handle.Vector.ToArray());
    }
}
