namespace BotHost.Knowledge.Validation;

/// <summary>How bad a knowledge-base problem is: errors fail <c>kb check</c> and block a reload.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
