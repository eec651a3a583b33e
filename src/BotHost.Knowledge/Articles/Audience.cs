namespace BotHost.Knowledge.Articles;

/// <summary>Who an article is written for (front matter <c>audience</c>).</summary>
public enum Audience
{
    All,
    Youth,
    Parents,
    Moderators,
    Adults,
}
