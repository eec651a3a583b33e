using System.CommandLine;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Knowledge() => new("--knowledge", "-k")
    {
        Description = "Knowledge folder (default: $Knowledge__Path, ./knowledge, or the one shipped with bothost)",
        Recursive = true,
    };

    public static Option<string> Region() => new("--region", "-r")
    {
        Description = "Region whose hotlines are shown: an ISO country code (US, GB, CA, AU, IE, NZ, IN), EU or INTL",
        DefaultValueFactory = _ => RegionCode.International,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : RegionCode.International;
            var region = RegionCode.Normalize(text);
            if (region is null) result.AddError($"'{text}' is not a region: use an ISO country code such as US or GB, EU, or INTL");
            return region ?? RegionCode.International;
        },
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON with every field instead of text" };
}
