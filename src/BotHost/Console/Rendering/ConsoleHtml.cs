using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace BotHost.Console.Rendering;

/// <summary>The console's HTML encoder: escapes markup characters and leaves letters, bullets and emoji readable in the source.</summary>
internal static class ConsoleHtml
{
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);
}
