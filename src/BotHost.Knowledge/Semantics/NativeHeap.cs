using System.Runtime.InteropServices;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// The C library's heap, where ONNX Runtime (and SQLite) allocate. glibc keeps the memory a program frees in its
/// arenas for later allocations rather than giving it back to the system, so what a knowledge load allocated natively
/// (the model's protocol-buffer copy, SQLite's pages, ONNX Runtime's buffers for the knowledge texts' batches) stays in
/// the server's resident memory after it is freed. <see cref="Trim"/> asks glibc to release the free pages of every arena
/// (<c>malloc_trim(0)</c>); <c>serve</c> calls it after each knowledge load, beside its compacting collection.
/// </summary>
public static class NativeHeap
{
    /// <summary>Gives the C heap's free pages back to the system.</summary>
    /// <returns>True when glibc released memory; false when it had none to release or the C library is not glibc.</returns>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl (Alpine) and other C libraries have no malloc_trim.
            return false;
        }
    }

    // DllImport rather than LibraryImport, which needs unsafe code: the signature is blittable, so nothing is marshalled.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
