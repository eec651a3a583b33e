namespace BotHost.Discord.Rendering;

/// <summary>
/// Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits and
/// Create Message). Content is capped at 2,000 characters, as the docs say, although the OpenAPI spec allows 4,000.
/// </summary>
internal static class DiscordLimits
{
    public const int Content = 2000;
    public const int Embeds = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int FooterText = 2048;
    public const int MessageTotal = 6000;
    public const int ButtonsPerRow = 5;
    public const int ActionRows = 5;
    public const int ButtonLabel = 80;
    public const int ButtonUrl = 512;
    public const int CustomId = 100;
    public const int Url = 2048;
}
