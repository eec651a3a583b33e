namespace BotHost.Slack.Rendering;

/// <summary>
/// Block Kit limits the renderer stays within (https://docs.slack.dev/reference/block-kit/blocks and the element
/// pages, https://api.slack.com/reference/block-kit).
/// </summary>
internal static class BlockKitLimits
{
    /// <summary>Blocks in one message (modals and Home tabs allow 100).</summary>
    public const int Blocks = 50;

    public const int SectionText = 3000;

    public const int ContextElements = 10;

    /// <summary>A text object's text (context elements included).</summary>
    public const int TextObject = 3000;

    /// <summary>Slack may cut button text at about 30 characters on small screens.</summary>
    public const int ButtonText = 75;

    public const int ButtonValue = 2000;

    public const int ButtonUrl = 3000;

    public const int ActionId = 255;

    public const int BlockId = 255;

    public const int ActionsElements = 25;

    /// <summary>chat.postMessage truncates text over 40,000 characters (https://api.slack.com/apis/rate-limits); the bot stays far below.</summary>
    public const int MessageText = 12_000;
}
