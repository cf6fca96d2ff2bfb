using Microsoft.AspNetCore.Http;

namespace TheoryLab.Web;

/// <summary>The body of every refusal: the one line the CLI would print after "error: ".</summary>
public sealed record ErrorAnswer(string Error);

/// <summary>
/// Turns a <see cref="TheoryLabException"/> (bad input, named in one line) into 400 with that line, so the page can
/// show what to change; anything else is the framework's bare 500, which carries no stack trace.
/// </summary>
internal static class UserErrors
{
    public static async Task Answer(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (TheoryLabException.Within(e) is { } userError && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new ErrorAnswer(userError.Message));
        }
    }
}
