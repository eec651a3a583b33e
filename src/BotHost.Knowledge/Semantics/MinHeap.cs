namespace BotHost.Knowledge.Semantics;

/// <summary>
/// A min-heap of doubles laid out in a span (the smallest at 0): the k highest first-pass scores of a nearest-neighbour
/// scan keep their lowest at the top, so a new score replaces it only when higher.
/// </summary>
internal static class MinHeap
{
    /// <summary>Orders <paramref name="heap"/> as a min-heap.</summary>
    public static void Heapify(Span<double> heap)
    {
        for (var i = (heap.Length / 2) - 1; i >= 0; i--) SiftDown(heap, i);
    }

    /// <summary>Moves the value at <paramref name="i"/> down until neither child is smaller.</summary>
    public static void SiftDown(Span<double> heap, int i)
    {
        while (true)
        {
            var smallest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < heap.Length && heap[left] < heap[smallest]) smallest = left;
            if (right < heap.Length && heap[right] < heap[smallest]) smallest = right;
            if (smallest == i) return;
            (heap[i], heap[smallest]) = (heap[smallest], heap[i]);
            i = smallest;
        }
    }
}
