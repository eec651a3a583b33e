using System.Runtime.InteropServices;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

public sealed class NativeHeapTests
{
    [Fact]
    public void Trim_FreedBlocksBetweenKeptOnes_ReleasesTheirPagesOnLinux()
    {
        // 64 KB blocks from malloc (Marshal.AllocHGlobal; below glibc's mmap threshold, so they come from an arena), every other one freed: the freed ones
        // sit between kept ones, where free() cannot give them back, and only malloc_trim releases their pages.
        var blocks = new nint[64];
        for (var i = 0; i < blocks.Length; i++) blocks[i] = Marshal.AllocHGlobal(64 * 1024);
        try
        {
            for (var i = 0; i < blocks.Length; i += 2)
            {
                Marshal.FreeHGlobal(blocks[i]);
                blocks[i] = 0;
            }

            Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.Trim());
        }
        finally
        {
            foreach (var block in blocks.Where(b => b != 0)) Marshal.FreeHGlobal(block);
        }
    }
}
