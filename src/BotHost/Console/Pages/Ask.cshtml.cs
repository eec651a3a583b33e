using BotHost.Console.Preview;
using BotHost.Console.Rendering;
using BotHost.Core.Communities;
using BotHost.Knowledge.Hotlines;
using BotHost.Serve;
using Microsoft.AspNetCore.Mvc;

namespace BotHost.Console.Pages;

/// <summary>
/// Ask preview: a question, a region and a community in; the reply as Discord and Slack would draw it (from the JSON
/// each would receive), the console text, and why. Posted, not a query string, so the question never lands in an
/// address bar, a history or an access log.
/// </summary>
public sealed class AskModel(AskPreviewer previewer, KnowledgeHost knowledge, IConsoleCommunities communities, ICommunityDirectory directory) : ConsolePageModel
{
    /// <summary>Questions longer than this are refused before any work (members' messages are capped too).</summary>
    public const int MaxQuestionLength = 2_000;

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public string? Region { get; set; }

    [BindProperty]
    public string? Community { get; set; }

    public AskPreview? Preview { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<ConsoleCommunity> Communities => communities.All;

    public IReadOnlyList<string> Regions => [RegionCode.International, RegionCode.EuropeanUnion, .. knowledge.Current.Hotlines.Regions().Where(r => r != RegionCode.EuropeanUnion)];

    public string DiscordHtml => Preview is null ? string.Empty : DiscordMessageHtml.Render(Preview.DiscordJson);

    public string SlackHtml => Preview is null ? string.Empty : SlackMessageHtml.Render(Preview.SlackJson);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Question)) Problem = "Type a question to preview.";
        else if (Question.Length > MaxQuestionLength) Problem = $"Questions are limited to {MaxQuestionLength:N0} characters.";
        else if (!string.IsNullOrEmpty(Region) && RegionCode.Normalize(Region) is null) Problem = "Choose a region from the list.";
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var community = communities.All.FirstOrDefault(c => c.Key == Community)?.Settings ?? directory.Find(string.Empty, string.Empty);
        Preview = await previewer.PreviewAsync(Question!, string.IsNullOrEmpty(Region) ? null : Region, community, cancellationToken);
        return Page();
    }
}
