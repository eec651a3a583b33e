namespace BotHost.Console;

/// <summary>Where each console page lives.</summary>
public static class ConsolePaths
{
    public const string Root = "/console";
    public const string SignIn = "/console/signin";
    public const string SignOut = "/console/signout";
    public const string Ask = "/console/ask";
    public const string Knowledge = "/console/knowledge";
    public const string Quality = "/console/quality";
    public const string Gaps = "/console/gaps";
    public const string GapsCsv = "/console/gaps.csv";
    public const string Health = "/console/health";
    public const string Assets = "/console/assets/";
    public const string Stylesheet = "/console/assets/console.css";
}
