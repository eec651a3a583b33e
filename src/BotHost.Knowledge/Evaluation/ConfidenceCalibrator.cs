using System.Globalization;
using System.Text;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// Fits the <see cref="ConfidenceModel"/> (logistic regression on coverage, log bm25 strength, anchor, topic coverage and off-topic lead) to eval questions:
/// in-scope questions should be answered, off-topic ones declined. Newton's method with a small ridge penalty, so
/// the fit stays stable with a few hundred samples. Used by <c>kb eval --calibrate</c>; maintainers copy the
/// printed coefficients into <see cref="ConfidenceModel.Default"/>.
/// </summary>
public static class ConfidenceCalibrator
{
    private const double Ridge = 0.01;

    /// <summary>
    /// Intercept, coverage, strength, anchor, topic coverage, off-topic lead, cosine, margin over the nearest everyday
    /// example, margin over the nearest few, the on-topic model's log-odds.
    /// </summary>
    private const int K = 10;

    public static ConfidenceModel Fit(IReadOnlyList<CalibrationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var beta = Logistic([.. samples.Select(s => (Features(s), s.ShouldAnswer, s.Weight))], K, Ridge);
        return new ConfidenceModel(beta[0], beta[1], beta[2], beta[3], beta[4], beta[5], beta[6], beta[7], beta[8], beta[9]);
    }

    /// <summary>Logistic regression by Newton's method with a ridge penalty on every coefficient: the coefficients of the <paramref name="k"/> features.</summary>
    internal static double[] Logistic(IReadOnlyList<(double[] X, bool Y, double Weight)> rows, int k, double ridge)
    {
        var beta = new double[k];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[k];
            var hessian = new double[k, k];
            foreach (var (x, positive, weight) in rows)
            {
                var p = Sigmoid(Dot(beta, x));
                var y = positive ? 1.0 : 0.0;
                for (var i = 0; i < k; i++)
                {
                    gradient[i] += weight * (y - p) * x[i];
                    for (var j = 0; j < k; j++) hessian[i, j] += weight * p * (1 - p) * x[i] * x[j];
                }
            }

            for (var i = 0; i < k; i++)
            {
                gradient[i] -= ridge * beta[i];
                hessian[i, i] += ridge;
            }

            var step = Solve(hessian, gradient);
            for (var i = 0; i < k; i++) beta[i] += step[i];
            if (step.Sum(Math.Abs) < 1e-9) break;
        }

        return beta;
    }

    /// <summary>
    /// For each threshold, the share of should-answer questions answered and of the others declined; with
    /// <paramref name="everyday"/>, also the share of those (cross-validated everyday examples) declined; with
    /// <paramref name="heldOut"/>, the share of those (held-out article questions) answered: the two cross-validated
    /// stand-ins for what members write, so the table shows what a threshold costs on questions no eval set holds.
    /// </summary>
    public static string ThresholdTable(ConfidenceModel model, IReadOnlyList<CalibrationSample> samples, IReadOnlyList<CalibrationSample>? everyday = null,
        IReadOnlyList<CalibrationSample>? heldOut = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        var text = new StringBuilder("threshold answered declined");
        if (everyday is not null) text.Append(" everyday_declined");
        if (heldOut is not null) text.Append(" held_out_answered");
        text.Append('\n');
        for (var step = 1; step <= 19; step++)
        {
            var threshold = step * 0.05;
            var (answered, declined) = Rates(model, samples, threshold);
            text.Append(CultureInfo.InvariantCulture, $"{threshold,9:0.00} {answered,8:0.000} {declined,8:0.000}");
            if (everyday is not null) text.Append(CultureInfo.InvariantCulture, $" {Rates(model, everyday, threshold).Declined,17:0.000}");
            if (heldOut is not null) text.Append(CultureInfo.InvariantCulture, $" {Rates(model, heldOut, threshold).Answered,17:0.000}");
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The highest threshold (in steps of 0.01) at which at least <paramref name="minAnswered"/> of the should-answer
    /// samples are answered: the point that declines the most while answering as required.
    /// </summary>
    public static double HighestThreshold(ConfidenceModel model, IReadOnlyList<CalibrationSample> samples, double minAnswered)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        var best = 0.01;
        for (var step = 1; step < 100; step++)
        {
            if (Rates(model, samples, step / 100.0).Answered >= minAnswered) best = step / 100.0;
        }

        return best;
    }

    /// <summary>
    /// The threshold (in steps of 0.01) at which the share of <paramref name="answerable"/> answered plus the share of
    /// <paramref name="everyday"/> declined is highest (ties: the highest threshold): a wrong decline and a wrong answer
    /// cost the same, measured on the two cross-validated stand-ins for what members write (held-out article questions,
    /// everyday examples), neither of which an eval set holds. Issue #14's targets ask as much of both (answered 0.97,
    /// declined 0.95 on unseen questions); a threshold set by the eval questions alone sits where those match best.
    /// </summary>
    public static double BalancedThreshold(ConfidenceModel model, IReadOnlyList<CalibrationSample> answerable, IReadOnlyList<CalibrationSample> everyday)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(answerable);
        ArgumentNullException.ThrowIfNull(everyday);
        var (best, bestValue) = (0.01, double.NegativeInfinity);
        for (var step = 1; step < 100; step++)
        {
            var threshold = step / 100.0;
            var value = Rates(model, answerable, threshold).Answered + Rates(model, everyday, threshold).Declined;
            if (value >= bestValue) (best, bestValue) = (threshold, value);
        }

        return best;
    }

    /// <summary>The share of <paramref name="samples"/> that should be answered and are, and of the others declined, at <paramref name="threshold"/>.</summary>
    public static (double Answered, double Declined) RatesAt(ConfidenceModel model, IReadOnlyList<CalibrationSample> samples, double threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        return Rates(model, samples, threshold);
    }

    /// <summary>
    /// The same model with its intercept moved so that confidence <paramref name="at"/> falls where
    /// <paramref name="threshold"/> did: the decision at the knowledge base's fixed decline threshold is the one chosen.
    /// </summary>
    public static ConfidenceModel Recentred(ConfidenceModel model, double threshold, double at)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model with { Intercept = model.Intercept + Logit(at) - Logit(threshold) };
    }

    private static (double Answered, double Declined) Rates(ConfidenceModel model, IReadOnlyList<CalibrationSample> samples, double threshold)
    {
        var (answerable, answered, offTopic, declined) = (0, 0, 0, 0);
        foreach (var s in samples)
        {
            var confidence = Confidence(model, s);
            if (s.ShouldAnswer)
            {
                answerable++;
                if (confidence >= threshold) answered++;
            }
            else
            {
                offTopic++;
                if (confidence < threshold) declined++;
            }
        }

        return (answered / (double)Math.Max(1, answerable), declined / (double)Math.Max(1, offTopic));
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double[] Features(CalibrationSample s) =>
        [1, s.Coverage, Math.Log(1 + Math.Max(0, s.Score)), s.Anchor, s.Topic, s.OffTopicLead, s.Cosine, s.Margin, s.NeighbourMargin, s.OnTopic];

    private static double Confidence(ConfidenceModel model, CalibrationSample s) =>
        model.Confidence(s.Score, s.Coverage, s.Anchor, s.Topic, s.OffTopicLead, s.Cosine, s.Margin, s.NeighbourMargin, s.OnTopic);

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    /// <summary>Gaussian elimination with partial pivoting for the Newton step.</summary>
    internal static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++) m[row, k] -= factor * m[col, k];
                x[row] -= factor * x[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            for (var k = row + 1; k < n; k++) x[row] -= m[row, k] * x[k];
            x[row] /= m[row, row];
        }

        return x;
    }
}
