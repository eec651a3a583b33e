namespace BotHost.Knowledge.Evaluation;

/// <summary>The figures below which <c>kb eval</c> fails (and with it CI). Set by the answer-quality and safety issues.</summary>
public sealed record EvalTargets(double RecallAt1, double RecallAt3, double Mrr, double DeclineRate, double AnswerRate, double RefuseRate)
{
    public static EvalTargets Default { get; } = new(RecallAt1: 0.90, RecallAt3: 0.97, Mrr: 0.92, DeclineRate: 0.95, AnswerRate: 0.97, RefuseRate: 1.00);
}
